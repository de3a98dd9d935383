package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.SecretTokens;
import care.anxin.store.console.DeviceRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device registration and secrets. The secret is returned once and stored as a bcrypt hash
 * ({@code $2a$}), which the gateway verifies with spring-security-crypto.
 */
@Service
public class AdminDevices {

    private final DeviceRegistry devices;
    private final AdminDirectory directory;
    private final AdminElders elders;
    private final PasswordEncoder passwords;
    private final SecretTokens tokens;
    private final AuditTrail audit;

    public AdminDevices(DeviceRegistry devices, AdminDirectory directory, AdminElders elders, PasswordEncoder passwords,
                        SecretTokens tokens, AuditTrail audit) {
        this.devices = devices;
        this.directory = directory;
        this.elders = elders;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public AdminRequests.CreatedWithSecret register(AnxinPrincipal me, AdminRequests.NewDevice body) {
        directory.requireOrganization(me, body.organizationId());
        if (body.elderId() != null) {
            elders.requireElder(me, body.elderId());
        }
        String secret = tokens.deviceSecret();
        devices.register(body.id(), body.kind(), body.organizationId(), body.elderId(), body.model(),
                passwords.encode(secret));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", body.kind());
        detail.put("organizationId", body.organizationId());
        detail.put("elderId", body.elderId());
        audit.record(me, "DEVICE_REGISTER", "device", body.id(), detail);
        return new AdminRequests.CreatedWithSecret(body.id(), secret);
    }

    @Transactional
    public void bind(AnxinPrincipal me, String id, long elderId) {
        requireDevice(me, id);
        elders.requireElder(me, elderId);
        devices.bind(id, elderId);
        audit.record(me, "DEVICE_BIND", "device", id, Map.of("elderId", elderId));
    }

    @Transactional
    public AdminRequests.CreatedWithSecret rotateSecret(AnxinPrincipal me, String id) {
        requireDevice(me, id);
        String secret = tokens.deviceSecret();
        devices.rotateSecret(id, passwords.encode(secret));
        audit.record(me, "DEVICE_ROTATE_SECRET", "device", id, Map.of());
        return new AdminRequests.CreatedWithSecret(id, secret);
    }

    private void requireDevice(AnxinPrincipal me, String id) {
        devices.findVisible(me.scope(), id).orElseThrow(() -> new NotFoundException("Device", id));
    }
}
