package care.anxin.simulator.transport;

import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.vital.VitalSign;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.EventType;
import care.anxin.domain.wire.LocationMessage;
import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.Reading;
import care.anxin.domain.wire.StatusMessage;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.domain.wire.UplinkMessage;
import care.anxin.domain.wire.VitalsMessage;
import care.anxin.simulator.scenario.SimAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns the generator's device actions into protocol messages (the domain's records and codec),
 * so the simulator speaks exactly what docs/protocol.md specifies.
 */
public final class UplinkEncoder {

    /** Firmware the simulated devices report in their heartbeats. */
    public static final String FIRMWARE = "2.4.1-sim";

    /** A ready-to-publish message. */
    public record Uplink(String topic, byte[] payload, boolean urgent) {
    }

    private final UplinkCodec codec = new UplinkCodec();

    /** The MQTT publish for an action, or empty for actions that are not messages (connectivity, travel). */
    public Optional<Uplink> encode(String deviceId, SimAction action) {
        UplinkMessage message;
        if (action instanceof SimAction.Vitals v) {
            message = new VitalsMessage(v.msgId(), v.at(), readings(v.readings(), v.at()));
        } else if (action instanceof SimAction.Location l) {
            message = new LocationMessage(l.msgId(), l.at(), new GeoPoint(l.lat(), l.lon()), l.accuracyM(), l.source());
        } else if (action instanceof SimAction.Event e) {
            GeoPoint point = e.lat() == null ? null : new GeoPoint(e.lat(), e.lon());
            message = new EventMessage(e.msgId(), e.at(), EventType.valueOf(e.type()), point, point == null ? null : 15.0,
                    e.battery(), e.confidence(), e.refMsgId());
        } else if (action instanceof SimAction.Status s) {
            message = new StatusMessage(s.msgId(), s.at(), s.battery(), s.worn(), s.charging(), FIRMWARE, -60 - s.battery() % 25, null);
        } else {
            return Optional.empty();
        }
        boolean urgent = message instanceof EventMessage e && e.type().urgent();
        return Optional.of(new Uplink(DeviceTopic.uplink(deviceId, message.kind()), codec.encode(message), urgent));
    }

    /** A vitals message carrying many readings with their own times (history backfill). */
    public Uplink batch(String deviceId, String msgId, List<SimAction.SimReading> readings, List<Instant> times) {
        List<Reading> list = new java.util.ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            list.add(reading(readings.get(i), times.get(i)));
        }
        Instant last = times.get(times.size() - 1);
        return new Uplink(DeviceTopic.uplink(deviceId, MessageKind.VITALS), codec.encode(new VitalsMessage(msgId, last, list)), false);
    }

    /** The will a device leaves with the broker: offline status on its status topic. */
    public Uplink will(String deviceId, Instant connectTime) {
        StatusMessage will = new StatusMessage("will", connectTime, null, null, null, null, null, false);
        return new Uplink(DeviceTopic.uplink(deviceId, MessageKind.STATUS), codec.encode(will), false);
    }

    private static List<Reading> readings(List<SimAction.SimReading> readings, Instant at) {
        return readings.stream().map(r -> reading(r, at)).toList();
    }

    private static Reading reading(SimAction.SimReading r, Instant at) {
        VitalSign sign = VitalSign.fromCode(r.code())
                .orElseThrow(() -> new IllegalArgumentException("unknown vital code " + r.code()));
        return new Reading(sign, r.value(), at);
    }
}
