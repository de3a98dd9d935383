package care.anxin.monitoring.clinical;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.WorklistItem;
import care.anxin.store.clinical.WorklistQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/worklist: due/overdue follow-ups and open early-warning / abnormal-vital incidents, most urgent first. */
@RestController
@Validated
public class WorklistController {

    private final WorklistQueries worklist;
    private final ClinicalProperties settings;

    public WorklistController(WorklistQueries worklist, ClinicalProperties settings) {
        this.worklist = worklist;
        this.settings = settings;
    }

    @GetMapping("/api/v1/worklist")
    public List<WorklistItem> worklist(@AuthenticationPrincipal AnxinPrincipal me,
                                       @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        return worklist.worklist(me.scope(), LocalDate.now(settings.zone()), settings.worklistLookAheadDays(), limit);
    }
}
