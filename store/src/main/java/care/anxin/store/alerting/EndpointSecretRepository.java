package care.anxin.store.alerting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The stored (encrypted) signing secrets of a webhook endpoint, read at send time so a rotation applies to retries. */
public class EndpointSecretRepository {

    /**
     * @param currentEnc     the current secret, encrypted (null before any was generated)
     * @param previousEnc    the secret before the last rotation, encrypted, signing until previousUntil
     * @param legacyPlain    a plain-text secret from before encryption (until the monitoring service encrypts it)
     */
    public record StoredSecrets(String currentEnc, String previousEnc, Instant previousUntil, String legacyPlain) {
    }

    private final JdbcTemplate jdbc;

    public EndpointSecretRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredSecrets> find(long endpointId) {
        return jdbc.query("SELECT secret_enc, previous_secret_enc, previous_until, secret FROM notification_endpoint"
                + " WHERE id = ?", (rs, i) -> {
                    Timestamp until = rs.getTimestamp("previous_until");
                    return new StoredSecrets(rs.getString("secret_enc"), rs.getString("previous_secret_enc"),
                            until == null ? null : until.toInstant(), rs.getString("secret"));
                }, endpointId).stream().findFirst();
    }
}
