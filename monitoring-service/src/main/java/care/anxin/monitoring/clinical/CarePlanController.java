package care.anxin.monitoring.clinical;

import care.anxin.domain.care.CarePlan;
import care.anxin.domain.care.CarePlanJson;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.trend.CarePlans;
import care.anxin.store.clinical.CarePlanHistory;
import care.anxin.store.console.ElderQueries.ElderBasics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The care plan as a doctor edits it: the stored plan, the age defaults beside it, the effective
 * plan, and the history. Plans are checked by the domain's CarePlanJson (problem+json naming
 * carePlan when invalid); an empty plan means "age defaults".
 */
@RestController
public class CarePlanController {

    public record CarePlanBody(@NotNull JsonNode carePlan) {
    }

    public record ChangeView(Instant at, String username, JsonNode before, JsonNode after) {
    }

    public record CarePlanView(long elderId, int age, JsonNode stored, JsonNode defaults, JsonNode effective,
                               List<ChangeView> history) {
    }

    private final ElderAccess access;
    private final CarePlans carePlans;
    private final CarePlanHistory history;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public CarePlanController(ElderAccess access, CarePlans carePlans, CarePlanHistory history, AuditTrail audit,
                              ObjectMapper json) {
        this.access = access;
        this.carePlans = carePlans;
        this.history = history;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/api/v1/elders/{id}/care-plan")
    public CarePlanView get(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        return view(access.read(me, id));
    }

    @PutMapping("/api/v1/elders/{id}/care-plan")
    @Transactional
    public CarePlanView put(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                            @jakarta.validation.Valid @RequestBody CarePlanBody body) {
        access.edit(me, id);
        String canonical = carePlans.normalise(body.carePlan());
        history.change(id, canonical == null ? "{}" : canonical, me.userId(), me.username());
        audit.record(me, "CARE_PLAN_UPDATE", "elder", id, id, Map.of("carePlan", tree(canonical == null ? "{}" : canonical)));
        return view(access.read(me, id));
    }

    private CarePlanView view(ElderBasics elder) {
        JsonNode stored = tree(elder.carePlanJson());
        List<ChangeView> changes = history.changes(elder.id(), 50).stream()
                .map(c -> new ChangeView(c.at(), c.username(), tree(c.before()), tree(c.after()))).toList();
        return new CarePlanView(elder.id(), elder.age(), stored,
                tree(CarePlanJson.toJson(CarePlan.defaultsForAge(elder.age()))),
                carePlans.effective(stored, elder.age()), changes);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
