package care.anxin.system;

import static care.anxin.system.CareCommunity.awaitAlert;
import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.test.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The alert service is killed with SIGKILL while it works through a flood of abnormal-vitals
 * events, an elder presses SOS while it is dead, and it is started again: the SOS becomes exactly
 * one incident on the care center's board and the handset gets its ALERT_ACK.
 */
class SosAlertServiceKilledTest {

    @Test
    void anSosPressedWhileTheAlertServiceIsDeadReachesAPersonAfterTheRestart() throws Exception {
        RunningPlatform platform = new RunningPlatform(TestDatabase.newDatabaseUrl(), Map.of(), Map.of(), false);
        AlertServiceProcess alert = new AlertServiceProcess(platform.arguments(Map.of()));
        try {
            alert.awaitStarted();
            CareCommunity center = new CareCommunity(platform, "kill");
            List<CareCommunity.Account> wristbands = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                wristbands.add(center.elderWithDevice("WRISTBAND"));
            }
            CareCommunity.Account elder = center.elderWithDevice("HANDSET");
            BlockingQueue<JsonNode> stream = center.staff().openAlertStream();
            try (VitalsFlood flood = new VitalsFlood(platform.mqttUri(), wristbands, 10);
                 Handset handset = center.handset(elder)) {
                awaitProcessing(platform);
                alert.kill(); // mid-batch: the flood keeps it busy
                handset.pressSos(30.2656, 120.1531);

                alert = new AlertServiceProcess(platform.arguments(Map.of()));
                alert.awaitStarted();
                long restarted = System.nanoTime();
                awaitAlert(stream, elder.elderName(), "SOS", "OPEN", SosFaultSuiteTest.BOUND);
                assertThat(handset.nextCommand("ALERT_ACK", SosFaultSuiteTest.BOUND)).as("ALERT_ACK").isNotNull();
                System.out.printf("after the restart: SOS on the board and ALERT_ACK within %d ms%n",
                        (System.nanoTime() - restarted) / 1_000_000);
                assertThat(center.incidents(elder.elderId(), "SOS")).as("exactly one incident").isEqualTo(1);
            }
        } finally {
            alert.close();
            platform.close();
        }
    }

    /** Waits until the alert service has processed some of the flood (so the kill lands mid-work). */
    private static void awaitProcessing(RunningPlatform platform) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Connection c = DriverManager.getConnection(platform.databaseUrl, "postgres", "postgres")) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet r = c.createStatement().executeQuery(
                        "SELECT count(*) FILTER (WHERE processed_at IS NOT NULL), count(*) FILTER (WHERE processed_at IS NULL) FROM device_event")) {
                    r.next();
                    if (r.getLong(1) > 200 && r.getLong(2) > 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the alert service never got busy");
    }
}
