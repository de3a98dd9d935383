package care.anxin.gateway.ingest;

import care.anxin.domain.care.CarePlan;
import care.anxin.domain.care.Classification;
import care.anxin.domain.care.Threshold;
import care.anxin.domain.wire.DeviceClock;
import care.anxin.domain.wire.TimeCorrection;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.LocationMessage;
import care.anxin.domain.wire.Reading;
import care.anxin.domain.wire.UplinkMessage;
import care.anxin.domain.wire.VitalsMessage;
import care.anxin.store.ingest.EventRow;
import care.anxin.store.ingest.IngestItem;
import care.anxin.store.ingest.LocationRow;
import care.anxin.store.ingest.MessageKey;
import care.anxin.store.ingest.ObservationRow;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one accepted uplink message into its rows: observations (with device-clock correction),
 * locations, device events, and a VITAL_ABNORMAL event for each reading outside the elder's care
 * plan (never for readings more than 30 days old: those are history, not emergencies).
 */
public class MessageRows {

    /** DeviceClock flag: the device time is more than 30 days old. */
    static final int FLAG_FAR_PAST = DeviceClock.FLAG_STALE;

    private final ObjectMapper json;

    public MessageRows(ObjectMapper json) {
        this.json = json;
    }

    /** The rows of {@code message}, received as {@code payload} (whose digest is part of the de-duplication key). */
    public IngestItem rows(String deviceId, long elderId, UplinkMessage message, byte[] payload, CarePlan plan,
                           Instant receivedAt) {
        MessageKey key = MessageKey.of(deviceId, message.msgId(), message.deviceTime(), payload);
        List<ObservationRow> observations = new ArrayList<>();
        List<LocationRow> locations = new ArrayList<>();
        List<EventRow> events = new ArrayList<>();
        if (message instanceof VitalsMessage v) {
            for (Reading r : v.readings()) {
                Instant measured = r.time() != null ? r.time() : v.deviceTime();
                TimeCorrection t = DeviceClock.check(measured, receivedAt);
                observations.add(new ObservationRow(t.time(), elderId, deviceId, r.sign().code(), r.value(),
                        receivedAt, t.flags()));
                Classification c = plan.classify(r.sign(), r.value());
                if (c.abnormal() && (t.flags() & FLAG_FAR_PAST) == 0) {
                    events.add(new EventRow(elderId, deviceId, "VITAL_ABNORMAL", t.time(), receivedAt,
                            v.msgId(), abnormalPayload(r, c, plan.threshold(r.sign()))));
                }
            }
        } else if (message instanceof LocationMessage l) {
            TimeCorrection t = DeviceClock.check(l.deviceTime(), receivedAt);
            locations.add(new LocationRow(t.time(), elderId, deviceId, l.point().lat(), l.point().lon(),
                    l.accuracyM(), l.source(), receivedAt, t.flags()));
        } else if (message instanceof EventMessage e) {
            TimeCorrection t = DeviceClock.check(e.deviceTime(), receivedAt);
            events.add(new EventRow(elderId, deviceId, e.type().name(), t.time(), receivedAt, e.msgId(),
                    eventPayload(e, t.flags())));
        }
        // StatusMessage (heartbeats, wills): only refreshes device state (batched by DeviceActivityTracker) and
        // presence; no rows, so no de-duplication key either: a will is never taken for a duplicate.
        return new IngestItem(key, observations, locations, events);
    }

    private String abnormalPayload(Reading r, Classification c, Threshold t) {
        ObjectNode n = json.createObjectNode();
        n.put("code", r.sign().code());
        n.put("value", r.value());
        n.put("classification", c.name());
        if (t != null) {
            putIfPresent(n, "criticalLow", t.criticalLow());
            putIfPresent(n, "low", t.low());
            putIfPresent(n, "high", t.high());
            putIfPresent(n, "criticalHigh", t.criticalHigh());
        }
        return n.toString();
    }

    private String eventPayload(EventMessage e, int clockFlags) {
        ObjectNode n = json.createObjectNode();
        if (e.point() != null) {
            n.put("lat", e.point().lat());
            n.put("lon", e.point().lon());
        }
        putIfPresent(n, "accuracy", e.accuracyM());
        if (e.battery() != null) {
            n.put("battery", e.battery());
        }
        putIfPresent(n, "confidence", e.confidence());
        if (e.refMsgId() != null) {
            n.put("refMsgId", e.refMsgId());
        }
        if (clockFlags != 0) {
            // Tells consumers the device clock was corrected (1) or the event is history (2).
            n.put("clockFlags", clockFlags);
        }
        return n.toString();
    }

    private static void putIfPresent(ObjectNode n, String field, Double value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
