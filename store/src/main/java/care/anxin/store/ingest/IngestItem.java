package care.anxin.store.ingest;

import java.util.List;

/**
 * The rows one accepted uplink message produces. They are written only if the message's key
 * was not stored before (de-duplication by {@link MessageKey}).
 */
public record IngestItem(MessageKey key, List<ObservationRow> observations, List<LocationRow> locations,
                         List<EventRow> events) {
    public IngestItem {
        observations = List.copyOf(observations);
        locations = List.copyOf(locations);
        events = List.copyOf(events);
    }
}
