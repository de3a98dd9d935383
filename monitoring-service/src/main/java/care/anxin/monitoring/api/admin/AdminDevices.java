package care.anxin.monitoring.api.admin;

import care.anxin.domain.device.DeviceProtocol;
import care.anxin.monitoring.api.ConflictException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.SecretTokens;
import care.anxin.store.console.DeviceRegistry;
import care.anxin.domain.wire.DeviceSecretHash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device registration, binding, secrets and lifecycle. The secret is returned once and stored as
 * a fast keyed hash ({@link DeviceSecretHash}: 192-bit random secrets need no slow hash, and the
 * gateway must verify thousands per second in a reconnect storm). Disabling a device, rotating
 * its secret or re-binding it ends its live session on whichever gateway holds it (the device
 * table's trigger NOTIFYs {@code device_revoked}).
 */
@Service
public class AdminDevices {

    private static final String WATCH = DeviceProtocol.WATCH.name();

    private final DeviceRegistry devices;
    private final AdminDirectory directory;
    private final AdminElders elders;
    private final SecretTokens tokens;
    private final AuditTrail audit;

    public AdminDevices(DeviceRegistry devices, AdminDirectory directory, AdminElders elders, SecretTokens tokens, AuditTrail audit) {
        this.devices = devices;
        this.directory = directory;
        this.elders = elders;
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
        String protocol = body.protocolOrDefault().name();
        devices.register(body.id(), body.kind(), protocol, body.organizationId(), body.elderId(), body.model(),
                DeviceSecretHash.hash(secret));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", body.kind());
        detail.put("protocol", protocol);
        detail.put("organizationId", body.organizationId());
        detail.put("elderId", body.elderId());
        audit.record(me, "DEVICE_REGISTER", "device", body.id(), detail);
        // A protocol watch logs in by its id alone: the stored hash only keeps its MQTT door shut, and a
        // secret shown to the operator would suggest a use it has not.
        return new AdminRequests.CreatedWithSecret(body.id(), WATCH.equals(protocol) ? null : secret);
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
        if (WATCH.equals(requireDevice(me, id).protocol())) {
            throw new ConflictException("Device " + id + " is a protocol watch: it logs in by its id and has no secret", null);
        }
        String secret = tokens.deviceSecret();
        devices.rotateSecret(id, DeviceSecretHash.hash(secret));
        audit.record(me, "DEVICE_ROTATE_SECRET", "device", id, Map.of());
        return new AdminRequests.CreatedWithSecret(id, secret);
    }

    /** Disables or re-enables the device; a disabled device is refused at CONNECT and its live session ends. */
    @Transactional
    public void setEnabled(AnxinPrincipal me, String id, boolean enabled) {
        requireDevice(me, id);
        if (devices.setEnabled(id, enabled)) {
            audit.record(me, enabled ? "DEVICE_ENABLE" : "DEVICE_DISABLE", "device", id, Map.of());
        }
    }

    private DeviceRegistry.DeviceRow requireDevice(AnxinPrincipal me, String id) {
        return devices.findVisible(me.scope(), id).orElseThrow(() -> new NotFoundException("Device", id));
    }
}
