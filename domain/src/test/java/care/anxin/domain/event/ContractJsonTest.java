package care.anxin.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.domain.care.Classification;
import care.anxin.domain.care.Threshold;
import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.vital.VitalSign;
import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DeviceClock;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The typed contract between gateway and alert service survives the database round trip. */
class ContractJsonTest {

    private static final Instant T = Instant.parse("2026-11-23T01:07:00Z");

    @Test
    void deviceReportRoundTripsAndLeavesOutAbsentFields() {
        EventMessage sos = new EventMessage("HS-1", Instant.parse("2000-01-01T00:00:00Z"), EventType.SOS,
                new GeoPoint(31.2305, 121.4736), null, 64, null, null);
        DeviceReport report = DeviceReport.of(sos, DeviceClock.checkUrgent(sos.deviceTime(), T, false).flags());
        String json = ContractJson.write(report);
        assertThat(json).doesNotContain("accuracy").doesNotContain("replay").contains("\"deviceTime\":\"2000-01-01T00:00:00Z\"");
        DeviceEventPayload back = ContractJson.readEvent(DeviceEventKind.SOS, json);
        assertThat(back).isEqualTo(report);
        assertThat(report.clockWrong()).isTrue();
        assertThat(report.hasPosition()).isTrue();
    }

    @Test
    void payloadsWrittenBeforeTheTypedContractStillRead() {
        // rows the gateway wrote before the records existed (and fields a newer gateway may add)
        DeviceReport old = (DeviceReport) ContractJson.readEvent(DeviceEventKind.FALL,
                "{\"confidence\":0.9,\"clockFlags\":2,\"futureField\":1}");
        assertThat(old.confidence()).isEqualTo(0.9);
        assertThat(old.stale()).isTrue();
        assertThat(ContractJson.readEvent(DeviceEventKind.SOS, "{}")).isEqualTo(DeviceReport.EMPTY);
        assertThat(ContractJson.readEvent(DeviceEventKind.SOS, null)).isEqualTo(DeviceReport.EMPTY);
        AbnormalReading r = (AbnormalReading) ContractJson.readEvent(DeviceEventKind.VITAL_ABNORMAL,
                "{\"code\":\"HR\",\"value\":150.0,\"classification\":\"CRITICAL_HIGH\",\"high\":100.0}");
        assertThat(r.code()).isEqualTo(VitalSign.HR);
        assertThat(r.classification()).isEqualTo(Classification.CRITICAL_HIGH);
    }

    @Test
    void abnormalReadingAndPresenceRoundTrip() {
        AbnormalReading r = AbnormalReading.of(VitalSign.SPO2, 84, Classification.CRITICAL_LOW, Threshold.of(88, 92, 100, 100));
        assertThat(ContractJson.readEvent(DeviceEventKind.VITAL_ABNORMAL, ContractJson.write(r))).isEqualTo(r);
        PresenceChange p = new PresenceChange("keepalive", "gw-1");
        assertThat(ContractJson.readEvent(DeviceEventKind.DEVICE_OFFLINE, ContractJson.write(p))).isEqualTo(p);
    }

    @Test
    void brokenPayloadNamesItsType() {
        assertThatThrownBy(() -> ContractJson.readEvent(DeviceEventKind.VITAL_ABNORMAL, "{\"code\":\"NOPE\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AbnormalReading");
        assertThatThrownBy(() -> ContractJson.readEvent(DeviceEventKind.SOS, "not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandPayloadBecomesTheWireCommand() {
        CommandPayload p = CommandPayload.alertAck(311, "已收到", "received", "alert:311:downlink:event:9");
        CommandPayload back = ContractJson.read(CommandPayload.class, ContractJson.write(p));
        assertThat(back).isEqualTo(p);
        DeviceCommand wire = back.toWire("1042", CommandType.ALERT_ACK, T, null);
        assertThat(wire.alertId()).isEqualTo(311L);
        assertThat(wire.text()).isEqualTo("已收到");
        assertThat(back.toWire("1042", CommandType.ALERT_ACK, T, 7L).alertId()).isEqualTo(7L);
    }

    @Test
    void everyVitalSignHasAnIncidentKindAndEveryUplinkEventAQueueKind() {
        for (VitalSign sign : VitalSign.values()) {
            assertThat(IncidentKind.vital(sign).vitalSign()).contains(sign);
        }
        for (EventType type : EventType.values()) {
            assertThat(DeviceEventKind.of(type).urgent()).isEqualTo(type.urgent());
            assertThat(DeviceEventKind.of(type).payloadType()).isEqualTo(DeviceReport.class);
        }
        assertThat(DeviceEventKind.fromName("EXPLODED")).isEmpty();
        assertThat(IncidentKind.fromName("SOS")).contains(IncidentKind.SOS);
    }
}
