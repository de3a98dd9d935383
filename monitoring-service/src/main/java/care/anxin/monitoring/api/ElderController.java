package care.anxin.monitoring.api;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.trend.CarePlans;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import care.anxin.store.console.ConsoleViews.ElderListItem;
import care.anxin.store.console.ElderQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Elders of the viewer's scope: searchable list with device status, and the full profile. */
@RestController
@RequestMapping("/api/v1/elders")
public class ElderController {

    private final ElderQueries elders;
    private final CarePlans carePlans;

    public ElderController(ElderQueries elders, CarePlans carePlans) {
        this.elders = elders;
        this.carePlans = carePlans;
    }

    @GetMapping
    public List<ElderListItem> list(@AuthenticationPrincipal AnxinPrincipal me,
                                    @RequestParam(required = false) @Size(max = 100) String q,
                                    @RequestParam(defaultValue = "200") @Min(1) @Max(2000) int limit) {
        return elders.list(me.scope(), q, limit);
    }

    /** carePlan is the effective plan: the stored one completed with the defaults for the elder's age. */
    @GetMapping("/{id}")
    public ElderDetail get(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        ElderDetail detail = elders.detail(me.scope(), id).orElseThrow(() -> new NotFoundException("Elder", id));
        return detail.age() == null ? detail : detail.withCarePlan(carePlans.effective(detail.carePlan(), detail.age()));
    }
}
