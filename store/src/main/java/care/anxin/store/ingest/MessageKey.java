package care.anxin.store.ingest;

/** The de-duplication key of an uplink message: the device and its device-made message id. */
public record MessageKey(String deviceId, String msgId) {
}
