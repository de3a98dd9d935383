package care.anxin.gateway.auth;

import care.anxin.domain.device.DeviceProtocol;
import care.anxin.domain.wire.DeviceSecretHash;
import care.anxin.store.ingest.DeviceCredentials;
import care.anxin.store.ingest.DeviceDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Checks a presented secret against the device's stored credentials (read by the caller, in
 * batches). The fast keyed hash ({@link DeviceSecretHash}) costs microseconds;
 * a legacy BCrypt hash is verified once and replaced by the fast form on that successful login.
 * A credential in {@link RecentLogins} for the same stored hash needs no hash at all. Unknown ids
 * cost the same work as known ones. Blocking only when a legacy hash is upgraded (one UPDATE).
 */
public class DeviceAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final DeviceDirectory directory;
    private final RecentLogins recent;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    public DeviceAuthenticator(DeviceDirectory directory, RecentLogins recent) {
        this.directory = directory;
        this.recent = recent;
    }

    /**
     * {@code found}: the device's row, empty for an unknown id. A device registered for another
     * protocol is refused like an unknown one. The watch protocol has no secret: its id is checked
     * against the registry only (registered, enabled, bound).
     */
    public AuthResult check(DeviceProtocol protocol, String deviceId, byte[] secret, Optional<DeviceCredentials> found) {
        byte[] presented = secret == null ? new byte[0] : secret;
        if (found.isEmpty() || found.get().protocol() != protocol) {
            DeviceSecretHash.dummyCheck(presented);
            return AuthResult.refused(LoginRefusal.BAD_CREDENTIALS,
                    found.isEmpty() ? "unknown device" : "device registered for another protocol");
        }
        DeviceCredentials device = found.get();
        if (protocol == DeviceProtocol.MQTT && (presented.length == 0 || !secretMatches(device, presented))) {
            // The remembered login stays: a stranger guessing this id must not evict the device's own credential.
            return AuthResult.refused(LoginRefusal.BAD_CREDENTIALS, "wrong secret");
        }
        if (!device.enabled()) {
            return AuthResult.refused(LoginRefusal.NOT_AUTHORIZED, "device disabled");
        }
        if (device.elderId() == null) {
            return AuthResult.refused(LoginRefusal.NOT_AUTHORIZED, "device not bound to an elder");
        }
        return AuthResult.ok(device);
    }

    private boolean secretMatches(DeviceCredentials device, byte[] secret) {
        String stored = device.secretHash();
        if (recent.matches(device.deviceId(), secret, stored)) {
            return true;
        }
        if (DeviceSecretHash.isFast(stored)) {
            boolean ok = DeviceSecretHash.matches(secret, stored);
            if (ok) {
                recent.remember(device.deviceId(), secret, stored);
            }
            return ok;
        }
        boolean ok;
        try {
            ok = bcrypt.matches(new String(secret, StandardCharsets.UTF_8), stored);
        } catch (IllegalArgumentException malformedHash) {
            ok = false;
        }
        if (ok) {
            String upgraded = DeviceSecretHash.hash(secret);
            boolean replaced = false;
            try {
                replaced = directory.upgradeSecretHash(device.deviceId(), stored, upgraded);
            } catch (RuntimeException e) {
                log.warn("device={} secret hash not upgraded (next login will retry): {}", device.deviceId(), e.toString());
            }
            recent.remember(device.deviceId(), secret, replaced ? upgraded : stored);
        }
        return ok;
    }
}
