package care.anxin.gateway.auth;

import care.anxin.domain.device.DeviceProtocol;
import care.anxin.domain.wire.DeviceSecretHash;
import care.anxin.store.ingest.DeviceCredentials;
import care.anxin.store.ingest.DeviceDirectory;
import care.anxin.store.ingest.DeviceDirectory.HashUpgrade;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Checks a presented secret against the device's stored credentials (read by the caller, in
 * batches). The fast keyed hash ({@link DeviceSecretHash}) costs microseconds;
 * a legacy BCrypt hash is verified once and replaced by the fast form on that successful login.
 * A credential in {@link RecentLogins} for the same stored hash needs no hash at all. Unknown ids
 * cost the same work as known ones. Legacy upgrades are collected by the caller and written for a
 * whole batch of logins in one statement ({@link #upgrade}), never one commit per device.
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
     * against the registry only (registered, enabled, bound). A verified legacy hash goes to
     * {@code upgrades}, to be passed to {@link #upgrade} before the login is answered.
     */
    public AuthResult check(DeviceProtocol protocol, String deviceId, byte[] secret, Optional<DeviceCredentials> found,
                            List<LegacyLogin> upgrades) {
        byte[] presented = secret == null ? new byte[0] : secret;
        if (found.isEmpty() || found.get().protocol() != protocol) {
            DeviceSecretHash.dummyCheck(presented);
            return AuthResult.refused(LoginRefusal.BAD_CREDENTIALS,
                    found.isEmpty() ? "unknown device" : "device registered for another protocol");
        }
        DeviceCredentials device = found.get();
        if (protocol == DeviceProtocol.MQTT && (presented.length == 0 || !secretMatches(device, presented, upgrades))) {
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

    private boolean secretMatches(DeviceCredentials device, byte[] secret, List<LegacyLogin> upgrades) {
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
            upgrades.add(new LegacyLogin(new HashUpgrade(device.deviceId(), stored, DeviceSecretHash.hash(secret)), secret));
        }
        return ok;
    }

    /** A successful login on a legacy hash: the upgrade to write and the secret to remember. */
    public record LegacyLogin(HashUpgrade upgrade, byte[] secret) {
    }

    /**
     * Writes the batch's upgrades in one statement and remembers each credential under the hash now
     * stored. A failed write is logged and retried on the next login; the logins stay accepted.
     */
    public void upgrade(List<LegacyLogin> logins) {
        if (logins.isEmpty()) {
            return;
        }
        Set<String> replaced = Set.of();
        try {
            replaced = directory.upgradeSecretHashes(logins.stream().map(LegacyLogin::upgrade).toList());
        } catch (RuntimeException e) {
            log.warn("{} legacy secret hashes not upgraded (next login will retry): {}", logins.size(), e.toString());
        }
        for (LegacyLogin l : logins) {
            HashUpgrade u = l.upgrade();
            recent.remember(u.deviceId(), l.secret(), replaced.contains(u.deviceId()) ? u.newHash() : u.oldHash());
        }
    }
}
