package care.anxin.domain.event;

/** A record stored as JSON in a queue table between services (device_event, device_command); see {@link ContractJson}. */
public interface QueuedJson {
}
