package care.anxin.domain.event;

/** Payload of DEVICE_ONLINE / DEVICE_OFFLINE: why (connect, disconnect, keepalive, will...) and which gateway node saw it. */
public record PresenceChange(String reason, String gateway) implements DeviceEventPayload {
}
