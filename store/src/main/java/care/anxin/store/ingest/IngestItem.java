package care.anxin.store.ingest;

import java.util.List;

/**
 * The rows one accepted uplink message produces. They are written only if the message's key
 * was not stored before (de-duplication by {@link MessageKey}). A message without rows (a status
 * heartbeat, a will) stores nothing that a redelivery could double, so it claims no key at all.
 */
public record IngestItem(MessageKey key, List<ObservationRow> observations, List<LocationRow> locations,
                         List<EventRow> events, List<RadioFixRow> radioFixes) {

    public IngestItem {
        observations = List.copyOf(observations);
        locations = List.copyOf(locations);
        events = List.copyOf(events);
        radioFixes = List.copyOf(radioFixes);
    }

    /** An item without position reports lacking coordinates (everything but a watch's V report). */
    public IngestItem(MessageKey key, List<ObservationRow> observations, List<LocationRow> locations,
                      List<EventRow> events) {
        this(key, observations, locations, events, List.of());
    }

    /** Whether the item writes rows, and so needs its key claimed first. */
    public boolean hasRows() {
        return !observations.isEmpty() || !locations.isEmpty() || !events.isEmpty() || !radioFixes.isEmpty();
    }
}
