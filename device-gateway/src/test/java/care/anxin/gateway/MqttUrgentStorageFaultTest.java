package care.anxin.gateway;

import static care.anxin.gateway.Payloads.topic;
import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.ingest.CarePlanCache;
import care.anxin.gateway.ingest.GroupCommitWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Storage faults on the urgent path: a stored care plan that no longer parses, and a database
 * that refuses one device's SOS rows. Neither may turn an SOS into a rejection (0x99, or a plain
 * PUBACK on 3.1.1 with the message parked in rejected_message).
 */
class MqttUrgentStorageFaultTest extends GatewayTestBase {

    @Autowired
    CarePlanCache carePlans;
    @Autowired
    GroupCommitWriter writer;
    @Autowired
    MeterRegistry meters;

    @Test
    void anUnreadableCarePlanFallsBackToTheAgeDefaultsAndFailsNothing() throws Exception {
        // Valid JSON (the column is jsonb) that the care-plan reader refuses: as edited by hand in the database.
        long elder = fleet.elder("{\"thresholds\":{\"HR\":\"very high\"},\"inactivityHours\":-3}");
        Fleet.Device d = fleet.device("HS", elder, true);
        double countedBefore = unreadableCount();
        try (V5Device device = new V5Device(uri(), d)) {
            assertThat(device.publish(topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-v1", 150), 1)).isZero();
            assertThat(device.publish(topic(d.id(), "event"), Payloads.event(d.id() + "-sos", "SOS"), 1)).isZero();
            assertThat(device.publish(topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-v2", 72), 1)).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS'",
                Integer.class, d.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Integer.class, d.id()))
                .isEqualTo(8);
        // Classified with the age-band defaults: HR 150 is abnormal for a 78-year-old.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'VITAL_ABNORMAL' AND payload->>'code' = 'HR'""",
                Integer.class, d.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_message WHERE device_id = ?", Integer.class, d.id()))
                .isZero();
        assertThat(carePlans.unreadable()).containsKey(elder);
        assertThat(carePlans.unreadable().get(elder).reason()).contains("HR");
        assertThat(unreadableCount()).as("counted once, not per message").isEqualTo(countedBefore + 1);
    }

    @Test
    void anSosTheDatabaseRefusesIsRetriedUnacknowledgedNeverRejectedAndDoesNotHoldUpOthers() throws Exception {
        Fleet.Device poisoned = fleet.device("HS");
        Fleet.Device neighbour = fleet.device("HS");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_poisoned_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.device_id = '%s' THEN
                    RAISE EXCEPTION 'storage refuses this row' USING ERRCODE = '22000';
                  END IF;
                  RETURN NEW;
                END $$""".formatted(poisoned.id()));
        jdbc.execute("CREATE TRIGGER refuse_poisoned BEFORE INSERT ON device_event FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_event()");
        try (V5Device victim = new V5Device(uri(), poisoned); V5Device other = new V5Device(uri(), neighbour)) {
            IMqttToken sos = victim.client.publish(topic(poisoned.id(), "event"),
                    Payloads.event(poisoned.id() + "-sos", "SOS"), 1, false);
            Thread.sleep(1500);
            assertThat(sos.isComplete()).as("no PUBACK while the database refuses the SOS").isFalse();
            assertThat(writer.urgentRetrying()).isEqualTo(1);
            // The urgent lane carries on for everyone else.
            assertThat(other.publish(topic(neighbour.id(), "event"), Payloads.event(neighbour.id() + "-sos", "SOS"), 1))
                    .isZero();

            jdbc.execute("DROP TRIGGER refuse_poisoned ON device_event");
            sos.waitForCompletion(15_000);
            assertThat(sos.getReasonCodes() == null || sos.getReasonCodes().length == 0 ? 0 : sos.getReasonCodes()[0])
                    .as("acknowledged 0x00 once stored").isZero();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS refuse_poisoned ON device_event");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS'",
                Integer.class, poisoned.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_message WHERE device_id = ?", Integer.class,
                poisoned.id())).isZero();
        assertThat(writer.urgentRetrying()).isZero();
        assertThat(meters.counter("anxin.gateway.urgent.retries").count()).isPositive();
    }

    private double unreadableCount() {
        return meters.counter("anxin.gateway.careplan.unreadable").count();
    }
}
