package care.anxin.system;

import static care.anxin.system.CareCommunity.awaitAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.eclipse.paho.client.mqttv3.MqttDeliveryToken;
import org.junit.jupiter.api.Test;

/**
 * The database server stops for 10 s (connections cut, port closed) just as an elder presses SOS,
 * then starts again: the gateway withholds the PUBACK (nothing is stored, nothing acknowledged),
 * the device keeps the message, and once the database is back the SOS is stored once, becomes one
 * incident on the board and the handset gets its ALERT_ACK. Nothing goes to rejected_message.
 */
class SosDatabaseStoppedTest {

    @Test
    void anSosPressedWhileTheDatabaseIsStoppedIsStoredOnceAndReachesAPerson() throws Exception {
        try (StoppablePostgres database = new StoppablePostgres()) {
            Map<String, Object> shortTimeouts = Map.of(
                    "spring.datasource.hikari.connection-timeout", 2000,
                    "spring.datasource.hikari.validation-timeout", 1000,
                    "anxin.gateway.ingest.retry-max", "1s");
            RunningPlatform platform = new RunningPlatform(database.newDatabaseUrl("anxin_outage"), shortTimeouts,
                    Map.of(), true);
            try {
                CareCommunity center = new CareCommunity(platform, "pgstop");
                CareCommunity.Account elder = center.elderWithDevice("HANDSET");
                BlockingQueue<JsonNode> stream = center.staff().openAlertStream();
                try (Handset handset = center.handset(elder)) {
                    database.stop();
                    MqttDeliveryToken sos = handset.pressSosAsync(30.2656, 120.1531);
                    Thread.sleep(10_000);
                    assertThat(sos.isComplete()).as("no PUBACK while the database is stopped").isFalse();
                    database.start();
                    long restarted = System.nanoTime();

                    sos.waitForCompletion(SosFaultSuiteTest.BOUND.toMillis());
                    awaitAlert(stream, elder.elderName(), "SOS", "OPEN", SosFaultSuiteTest.BOUND);
                    assertThat(handset.nextCommand("ALERT_ACK", SosFaultSuiteTest.BOUND)).as("ALERT_ACK").isNotNull();
                    System.out.printf("after the database restart: SOS on the board and ALERT_ACK within %d ms%n",
                            (System.nanoTime() - restarted) / 1_000_000);
                }
                assertThat(center.incidents(elder.elderId(), "SOS")).as("one incident").isEqualTo(1);
                try (Connection c = DriverManager.getConnection(platform.databaseUrl, "postgres", "postgres");
                     ResultSet r = c.createStatement().executeQuery("SELECT "
                             + "(SELECT count(*) FROM device_event WHERE kind = 'SOS' AND device_id = '" + elder.deviceId() + "'),"
                             + "(SELECT count(*) FROM rejected_message)")) {
                    r.next();
                    assertThat(r.getLong(1)).as("stored once").isEqualTo(1);
                    assertThat(r.getLong(2)).as("nothing rejected").isZero();
                }
            } finally {
                platform.close();
            }
        }
    }
}
