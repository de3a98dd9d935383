package care.anxin.monitoring.audit;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.AuditRepository;
import care.anxin.store.console.UserAccountRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes audit_log rows (never secrets or hashes): every write made through the API — called inside
 * the write's transaction, so the row commits or rolls back with the change — plus logins, logouts
 * and reads of an elder's personal data.
 */
@Component
public class AuditTrail {

    private final AuditRepository audit;
    private final UserAccountRepository users;
    private final ObjectMapper json;

    public AuditTrail(AuditRepository audit, UserAccountRepository users, ObjectMapper json) {
        this.audit = audit;
        this.users = users;
        this.json = json;
    }

    public void record(AnxinPrincipal who, String action, String targetType, Object targetId, Map<String, ?> detail) {
        record(who, action, targetType, targetId, null, detail);
    }

    /** @param elderId the elder the action concerns, so the audit can be searched by elder */
    public void record(AnxinPrincipal who, String action, String targetType, Object targetId, Long elderId,
                       Map<String, ?> detail) {
        audit.record(who.userId(), actor(who), action, targetType, targetId == null ? null : targetId.toString(),
                elderId, text(detail));
    }

    /** A read of an elder's personal data (detail, trends, record, report, FHIR). */
    public void elderRead(AnxinPrincipal who, long elderId, String what, Map<String, ?> detail) {
        Map<String, Object> d = new LinkedHashMap<>(detail == null ? Map.of() : detail);
        d.put("view", what);
        record(who, "ELDER_READ", "elder", elderId, elderId, d);
    }

    public void loginSucceeded(AnxinPrincipal who, String address) {
        record(who, "LOGIN", "app_user", who.userId(), Map.of("address", address));
    }

    /** The user id is looked up so the admins of the user's organization see the attempts on it. */
    public void loginFailed(String username, String address, String reason) {
        Long userId = users.findByUsername(username).map(u -> u.id()).orElse(null);
        audit.record(userId, abbreviate(username), "LOGIN_FAILED", "app_user",
                userId == null ? null : userId.toString(), text(Map.of("address", address, "reason", reason)));
    }

    public void logout(AnxinPrincipal who) {
        record(who, "LOGOUT", "app_user", who.userId(), Map.of());
    }

    private static String actor(AnxinPrincipal who) {
        return who.apiKeyId() != null ? who.username() + "#" + who.apiKeyId() : who.username();
    }

    private static String abbreviate(String username) {
        return username == null ? null : username.length() <= 64 ? username : username.substring(0, 64) + "…";
    }

    private String text(Map<String, ?> detail) {
        try {
            return json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
