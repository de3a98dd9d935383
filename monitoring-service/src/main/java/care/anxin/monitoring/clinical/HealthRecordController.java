package care.anxin.monitoring.clinical;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.CatalogueEntry;
import care.anxin.store.clinical.HealthRecord;
import care.anxin.store.clinical.HealthRecordRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The health record (健康档案) of an elder, its change history, and the condition catalogue. */
@RestController
@Validated
public class HealthRecordController {

    public record ChangeView(Instant at, String username, JsonNode before, JsonNode after) {
    }

    private final HealthRecordService service;
    private final HealthRecordRepository records;
    private final ElderAccess access;
    private final ObjectMapper json;

    public HealthRecordController(HealthRecordService service, HealthRecordRepository records, ElderAccess access,
                                  ObjectMapper json) {
        this.service = service;
        this.records = records;
        this.access = access;
        this.json = json;
    }

    @GetMapping("/api/v1/elders/{id}/health-record")
    public HealthRecord get(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        return service.get(me, id);
    }

    @PutMapping("/api/v1/elders/{id}/health-record")
    public HealthRecord put(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                            @Valid @RequestBody HealthRecordRequest body) {
        return service.replace(me, id, body);
    }

    @GetMapping("/api/v1/elders/{id}/health-record/history")
    public List<ChangeView> history(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        access.read(me, id);
        return records.changes(id, 100).stream().map(c -> {
            JsonNode detail = tree(c.detailJson());
            return new ChangeView(c.at(), c.username(), detail.get("before"), detail.get("after"));
        }).toList();
    }

    @GetMapping("/api/v1/conditions/catalogue")
    public List<CatalogueEntry> catalogue(@RequestParam(required = false) @Size(max = 50) String q) {
        return records.catalogue(q);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
