package care.anxin.gateway.ingest;

import care.anxin.domain.care.CarePlan;
import care.anxin.domain.care.Classification;
import care.anxin.domain.event.AbnormalReading;
import care.anxin.domain.event.ContractJson;
import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.event.DeviceReport;
import care.anxin.domain.wire.DeviceClock;
import care.anxin.domain.wire.TimeCorrection;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.LocationMessage;
import care.anxin.domain.wire.RadioFixMessage;
import care.anxin.domain.wire.Reading;
import care.anxin.domain.wire.UplinkMessage;
import care.anxin.domain.wire.VitalsMessage;
import care.anxin.store.ingest.EventRow;
import care.anxin.store.ingest.IngestItem;
import care.anxin.store.ingest.LocationRow;
import care.anxin.store.ingest.MessageKey;
import care.anxin.store.ingest.ObservationRow;
import care.anxin.store.ingest.RadioFixRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one accepted uplink message into its rows: observations (with device-clock correction),
 * locations, position reports without coordinates (radio_fix), device events, and a VITAL_ABNORMAL
 * event for each reading outside the elder's care plan (never for readings more than 30 days old:
 * those are history, not emergencies).
 */
public class MessageRows {

    /** DeviceClock flag: the device time is more than 30 days old. */
    static final int FLAG_FAR_PAST = DeviceClock.FLAG_STALE;

    /** The rows of {@code message}, received as {@code payload} (whose digest is part of the de-duplication key). */
    public IngestItem rows(String deviceId, long elderId, UplinkMessage message, byte[] payload, CarePlan plan,
                           Instant receivedAt) {
        MessageKey key = MessageKey.of(deviceId, message.msgId(), message.deviceTime(), payload);
        List<ObservationRow> observations = new ArrayList<>();
        List<LocationRow> locations = new ArrayList<>();
        List<EventRow> events = new ArrayList<>();
        List<RadioFixRow> radioFixes = new ArrayList<>();
        if (message instanceof VitalsMessage v) {
            for (Reading r : v.readings()) {
                Instant measured = r.time() != null ? r.time() : v.deviceTime();
                TimeCorrection t = DeviceClock.check(measured, receivedAt);
                observations.add(new ObservationRow(t.time(), elderId, deviceId, r.sign().code(), r.value(),
                        receivedAt, t.flags()));
                Classification c = plan.classify(r.sign(), r.value());
                if (c.abnormal() && (t.flags() & FLAG_FAR_PAST) == 0) {
                    events.add(new EventRow(elderId, deviceId, DeviceEventKind.VITAL_ABNORMAL, t.time(), receivedAt,
                            v.msgId(), AbnormalReading.of(r.sign(), r.value(), c, plan.threshold(r.sign()))));
                }
            }
        } else if (message instanceof LocationMessage l) {
            TimeCorrection t = DeviceClock.check(l.deviceTime(), receivedAt);
            locations.add(new LocationRow(t.time(), elderId, deviceId, l.point().lat(), l.point().lon(),
                    l.accuracyM(), l.source(), receivedAt, t.flags()));
        } else if (message instanceof RadioFixMessage r) {
            TimeCorrection t = DeviceClock.check(r.deviceTime(), receivedAt);
            radioFixes.add(new RadioFixRow(t.time(), elderId, deviceId, r.source(), ContractJson.write(r.scan()),
                    receivedAt, t.flags()));
        } else if (message instanceof EventMessage e) {
            // SOS and falls are never dropped for their clock: a wrong clock puts them at the receive time, marked.
            TimeCorrection t = e.type().urgent() ? DeviceClock.checkUrgent(e.deviceTime(), receivedAt, e.replay())
                    : DeviceClock.check(e.deviceTime(), receivedAt);
            events.add(new EventRow(elderId, deviceId, DeviceEventKind.of(e.type()), t.time(), receivedAt, e.msgId(),
                    DeviceReport.of(e, t.flags())));
        }
        // StatusMessage (heartbeats, wills): only refreshes device state (batched by DeviceActivityTracker) and
        // presence; no rows, so no de-duplication key either: a will is never taken for a duplicate.
        return new IngestItem(key, observations, locations, events, radioFixes);
    }
}
