package care.anxin.store.ingest;

import care.anxin.domain.device.DeviceProtocol;

/**
 * What the gateway needs to admit a device: its secret hash, state, elder binding and the protocol
 * it logs in with.
 */
public record DeviceCredentials(String deviceId, String secretHash, boolean enabled, Long elderId,
                                long organizationId, DeviceProtocol protocol) {

    /** The {@code device.protocol} column; an unknown value (a newer writer) admits over neither protocol. */
    static DeviceProtocol protocol(String column) {
        for (DeviceProtocol p : DeviceProtocol.values()) {
            if (p.name().equals(column)) {
                return p;
            }
        }
        return null;
    }
}
