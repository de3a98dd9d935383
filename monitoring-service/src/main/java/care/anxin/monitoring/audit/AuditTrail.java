package care.anxin.monitoring.audit;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.AuditRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Records every write made through the API in audit_log (never secrets or hashes). */
@Component
public class AuditTrail {

    private final AuditRepository audit;
    private final ObjectMapper json;

    public AuditTrail(AuditRepository audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    public void record(AnxinPrincipal who, String action, String targetType, Object targetId, Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            text = "{}";
        }
        String username = who.apiKeyId() != null ? who.username() + "#" + who.apiKeyId() : who.username();
        audit.record(who.userId(), username, action, targetType, targetId == null ? null : targetId.toString(), text);
    }
}
