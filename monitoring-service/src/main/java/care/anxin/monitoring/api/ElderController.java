package care.anxin.monitoring.api;

import care.anxin.monitoring.api.paging.PageParams;
import care.anxin.monitoring.api.paging.PagedResponses;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.trend.CarePlans;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import care.anxin.store.console.ConsoleViews.ElderListItem;
import care.anxin.store.console.ElderQueries;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
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
    private final AuditTrail audit;

    public ElderController(ElderQueries elders, CarePlans carePlans, AuditTrail audit) {
        this.elders = elders;
        this.carePlans = carePlans;
        this.audit = audit;
    }

    /** Paginated by name: limit (default 200) and cursor; the next page is in the Link header. */
    @GetMapping
    public ResponseEntity<List<ElderListItem>> list(@AuthenticationPrincipal AnxinPrincipal me,
                                                    @RequestParam(required = false) @Size(max = 100) String q,
                                                    PageParams page) {
        return PagedResponses.of(elders.list(me.scope(), q, page.limit(), page.cursor()));
    }

    /**
     * carePlan is the effective plan: the stored one completed with the defaults for the elder's age.
     * A read of personal data: audited in the same transaction as the read.
     */
    @GetMapping("/{id}")
    @Transactional
    public ElderDetail get(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        ElderDetail detail = elders.detail(me.scope(), id).orElseThrow(() -> new NotFoundException("Elder", id));
        audit.elderRead(me, id, "detail", null);
        return detail.age() == null ? detail : detail.withCarePlan(carePlans.effective(detail.carePlan(), detail.age()));
    }
}
