package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.trend.CarePlans;
import care.anxin.store.console.ElderQueries;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/admin/care-plans/unreadable: elders in the admin's scope whose stored care plan no
 * longer parses (edited in the database, written by an older version). Such an elder is
 * classified with the age defaults by the gateway, so nothing fails, but an admin should fix it.
 */
@RestController
public class UnreadableCarePlanController {

    /** More elders with their own plan than this are not checked in one call. */
    private static final int SCAN_LIMIT = 20_000;

    public record UnreadableCarePlan(long elderId, String name, String organization, String reason) {
    }

    private final ElderQueries elders;
    private final CarePlans carePlans;

    public UnreadableCarePlanController(ElderQueries elders, CarePlans carePlans) {
        this.elders = elders;
        this.carePlans = carePlans;
    }

    @GetMapping("/api/v1/admin/care-plans/unreadable")
    public List<UnreadableCarePlan> unreadable(@AuthenticationPrincipal AnxinPrincipal me) {
        return elders.ownCarePlans(me.scope(), SCAN_LIMIT).stream()
                .flatMap(e -> carePlans.problem(e.carePlanJson())
                        .map(reason -> new UnreadableCarePlan(e.elderId(), e.name(), e.organization(), reason)).stream())
                .toList();
    }
}
