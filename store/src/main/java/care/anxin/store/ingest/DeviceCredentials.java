package care.anxin.store.ingest;

/** What the gateway needs to admit a device: its secret hash, state and elder binding. */
public record DeviceCredentials(String deviceId, String secretHash, boolean enabled, Long elderId,
                                long organizationId) {
}
