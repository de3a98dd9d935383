package care.anxin.simulator.bench;

import care.anxin.domain.vital.VitalSign;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.Reading;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.domain.wire.VitalsMessage;
import care.anxin.simulator.load.PayloadSource;
import java.time.Instant;
import java.util.List;

/**
 * Bench vitals: four readings (HR, SpO2, SBP, DBP) per QoS 1 message, normal values with a little
 * variation, a fresh message id per publish (the gateway de-duplicates on it), encoded by the
 * domain's codec exactly as devices send them. With {@code abnormalEvery > 0} every so many
 * messages carry four abnormal readings instead (each one a VITAL_ABNORMAL event).
 */
public final class VitalsPayloads implements PayloadSource {

    private final UplinkCodec codec = new UplinkCodec();
    private final String runTag;
    private final long abnormalEvery;

    public VitalsPayloads(String runTag) {
        this(runTag, 0);
    }

    public VitalsPayloads(String runTag, long abnormalEvery) {
        this.runTag = runTag;
        this.abnormalEvery = abnormalEvery;
    }

    @Override
    public String topic(String deviceId) {
        return DeviceTopic.uplink(deviceId, MessageKind.VITALS);
    }

    @Override
    public byte[] payload(String deviceId, long sequence) {
        Instant now = Instant.now();
        if (abnormalEvery > 0 && sequence % abnormalEvery == 0) {
            return codec.encode(new VitalsMessage(runTag + "-" + sequence, now, List.of(
                    new Reading(VitalSign.HR, 150, now), new Reading(VitalSign.SPO2, 84, now),
                    new Reading(VitalSign.SBP, 195, now), new Reading(VitalSign.DBP, 125, now))));
        }
        int wobble = (int) (sequence % 7);
        return codec.encode(new VitalsMessage(runTag + "-" + sequence, now, List.of(
                new Reading(VitalSign.HR, 68 + wobble, now),
                new Reading(VitalSign.SPO2, 96 + wobble % 3, now),
                new Reading(VitalSign.SBP, 122 + wobble, now),
                new Reading(VitalSign.DBP, 78 + wobble % 4, now))));
    }
}
