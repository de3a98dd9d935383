package care.anxin.domain.device;

/**
 * The protocol a device speaks to the gateway ({@code device.protocol}). A device logs in only over
 * its own protocol: an MQTT secret is useless on the watch port and a watch id opens no MQTT session.
 */
public enum DeviceProtocol {
    /** docs/protocol.md: MQTT 3.1.1/5 with a per-device secret. */
    MQTT,
    /** docs/protocol-watch.md: the "3G watch" TCP protocol; no secret, only registered, enabled ids. */
    WATCH;

    /** The protocol a device of this kind speaks unless registered otherwise. */
    public static DeviceProtocol defaultFor(DeviceKind kind) {
        return kind == DeviceKind.WATCH ? WATCH : MQTT;
    }
}
