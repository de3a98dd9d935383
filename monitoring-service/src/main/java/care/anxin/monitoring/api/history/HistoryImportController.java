package care.anxin.monitoring.api.history;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.incident.IncidentHistory.Marker;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Past incidents imported once per database under a key (admins, below their organization). The
 * key's row is the marker an importer checks: GET answers 404 until the import exists.
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin/history-imports")
public class HistoryImportController {

    private static final String KEY = "[A-Za-z0-9._:-]{1,100}";

    private final HistoryImports imports;

    public HistoryImportController(HistoryImports imports) {
        this.imports = imports;
    }

    @GetMapping("/{key}")
    public Marker get(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable @Pattern(regexp = KEY) String key) {
        return imports.find(me, key);
    }

    /** 201 when this call wrote the import; 200 with the existing marker when it was there already (nothing written). */
    @PutMapping("/{key}")
    public ResponseEntity<Marker> put(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable @Pattern(regexp = KEY) String key,
                                      @Valid @RequestBody HistoryImportRequests.Import body) {
        HistoryImports.Result result = imports.importOnce(me, key, body);
        return ResponseEntity.status(result.written() ? HttpStatus.CREATED : HttpStatus.OK).body(result.marker());
    }

    /** The importer has delivered the rest of the history (e.g. vitals over MQTT); idempotent. */
    @PostMapping("/{key}/complete")
    public Marker complete(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable @Pattern(regexp = KEY) String key) {
        return imports.complete(me, key);
    }
}
