package care.anxin.store.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the console API (docs/api.md), as records serialised by Jackson. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    public record PersonRef(long id, String displayName) {
    }

    public record Position(double lat, double lon) {
    }

    public record TimedPosition(double lat, double lon, Instant at) {
    }

    public record VitalValue(double value, Instant at) {
    }

    public record Contact(String name, String relation, String phone) {
    }

    public record OrgRef(long id, String name) {
    }

    /** The elder card shown with every incident. */
    public record ElderCard(long id, String name, Integer age, String gender, String address, String phone,
                            List<String> conditions, List<Contact> contacts, Map<String, VitalValue> latestVitals,
                            TimedPosition lastLocation) {
    }

    public record AlertView(long id, String kind, String severity, String status, String title,
                            int eventCount, Instant openedAt, Instant lastEventAt, Instant acknowledgedAt,
                            Instant resolvedAt, String outcome, int escalationLevel, Instant nextEscalationAt,
                            PersonRef assignee, Position location, OrgRef organization, ElderCard elder,
                            boolean deviceClockWrong, DispatchRef dispatch) {
    }

    /** The latest person sent to the door for an incident and how far they got (null: nobody sent). */
    public record DispatchRef(long id, String responderName, String status, Instant dispatchedAt, Instant departedAt,
                              Instant arrivedAt, Instant finishedAt, String outcome) {
    }

    public record TimelineEntry(Instant at, String actor, String action, JsonNode detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertDetail(long id, String kind, String severity, String status, String title,
                              int eventCount, Instant openedAt, Instant lastEventAt, Instant acknowledgedAt,
                              Instant resolvedAt, String outcome, int escalationLevel, Instant nextEscalationAt,
                              PersonRef assignee, Position location, OrgRef organization, ElderCard elder,
                              JsonNode detail, List<TimelineEntry> timeline, boolean deviceClockWrong,
                              DispatchRef dispatch) {

        public static AlertDetail of(AlertView v, JsonNode detail, List<TimelineEntry> timeline) {
            return new AlertDetail(v.id(), v.kind(), v.severity(), v.status(), v.title(), v.eventCount(),
                    v.openedAt(), v.lastEventAt(), v.acknowledgedAt(), v.resolvedAt(), v.outcome(),
                    v.escalationLevel(), v.nextEscalationAt(), v.assignee(), v.location(), v.organization(),
                    v.elder(), detail, timeline, v.deviceClockWrong(), v.dispatch());
        }
    }

    public record DeviceStatus(String id, String kind, String model, boolean online, Integer battery,
                               Instant lastSeenAt) {
    }

    public record ElderListItem(long id, String name, Integer age, String gender, String address, String phone,
                                OrgRef organization, boolean online, Integer battery, Instant lastSeenAt,
                                int openAlerts, List<DeviceStatus> devices) {
    }

    public record Zone(double lat, double lon, double radiusM) {
    }

    public record TravelZone(double lat, double lon, double radiusM, String city, Instant until) {
    }

    public record ElderDetail(long id, String name, Integer age, String gender, String birthDate, String phone,
                              String address, List<String> conditions, OrgRef organization, Zone home,
                              TravelZone travel, JsonNode carePlan, List<Contact> contacts, List<DeviceStatus> devices,
                              Map<String, VitalValue> latestVitals, TimedPosition lastLocation, int openAlerts,
                              List<PersonRef> doctors) {

        public ElderDetail withCarePlan(JsonNode effectivePlan) {
            return new ElderDetail(id, name, age, gender, birthDate, phone, address, conditions, organization, home,
                    travel, effectivePlan, contacts, devices, latestVitals, lastLocation, openAlerts, doctors);
        }
    }
}
