package care.anxin.domain.event;

/** The {@code device_event.payload} JSON of one event kind ({@link DeviceEventKind#payloadType()}). */
public sealed interface DeviceEventPayload extends QueuedJson permits DeviceReport, AbnormalReading, PresenceChange {
}
