package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.rules.ConditionRuleRunner;
import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timer rules raise incidents once while a condition holds and AUTO_RESOLVE them when it clears. */
class ConditionRulesTest {

    // 14:00 in Shanghai: daytime for the inactivity rule.
    static final TestClock clock = new TestClock(Instant.parse("2026-11-23T06:00:00Z"));
    static AlertHarness harness;
    static ConditionRuleRunner rules;

    @BeforeAll
    static void start() {
        harness = AlertHarness.start(clock, Map.of());
        rules = harness.service.getBean(ConditionRuleRunner.class);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void deviceOfflineOpensOnceAndResolvesWhenTheDeviceIsBack() {
        Fixtures.Elder elder = harness.world.elder("马秀梅");
        harness.jdbc.update("UPDATE device SET online = false, last_connected_at = ?, last_seen_at = ? WHERE id = ?",
                ago(Duration.ofMinutes(30)), ago(Duration.ofMinutes(11)), elder.handset());
        rules.runOnce();
        rules.runOnce();
        assertThat(harness.jdbc.queryForMap("SELECT status, severity, event_count FROM alert WHERE elder_id = ? AND kind = 'DEVICE_OFFLINE'", elder.id()))
                .containsEntry("status", "OPEN").containsEntry("severity", "MEDIUM").containsEntry("event_count", 1);

        harness.jdbc.update("UPDATE device SET online = true, last_seen_at = ? WHERE id = ?", ago(Duration.ZERO), elder.handset());
        long online = harness.world.event(elder.id(), elder.handset(), "DEVICE_ONLINE", "{\"reason\":\"connect\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT status FROM alert WHERE elder_id = ? AND kind = 'DEVICE_OFFLINE'", String.class, elder.id()).equals("AUTO_RESOLVED"));
        assertThat(harness.jdbc.queryForObject("SELECT processed_at IS NOT NULL FROM device_event WHERE id = ?", Boolean.class, online)).isTrue();
    }

    @Test
    void leavingHomeRaisesGeofenceExitAndTravelZoneClearsIt() {
        Fixtures.Elder elder = harness.world.elder("高玉兰");
        // About 3 km from home (radius 300 m).
        location(elder, 31.2500, 121.5000);
        rules.runOnce();
        Map<String, Object> exit = harness.jdbc.queryForMap("SELECT status, severity, lat, detail->>'zone' AS zone FROM alert WHERE elder_id = ? AND kind = 'GEOFENCE_EXIT'", elder.id());
        assertThat(exit).containsEntry("status", "OPEN").containsEntry("severity", "HIGH").containsEntry("zone", "HOME").containsEntry("lat", 31.25);

        harness.jdbc.update("UPDATE elder SET travel_lat = 31.2500, travel_lon = 121.5000, travel_radius_m = 2000, travel_city = '杭州', travel_until = ? WHERE id = ?",
                Timestamp.from(clock.instant().plus(Duration.ofDays(30))), elder.id());
        clock.advance(Duration.ofMinutes(3));
        rules.runOnce();
        assertThat(harness.jdbc.queryForObject("SELECT status FROM alert WHERE elder_id = ? AND kind = 'GEOFENCE_EXIT'", String.class, elder.id())).isEqualTo("AUTO_RESOLVED");
    }

    @Test
    void lowBatteryHasHysteresis() {
        Fixtures.Elder elder = harness.world.elder("罗春花");
        harness.jdbc.update("UPDATE device SET battery_pct = 10 WHERE id = ?", elder.wristband());
        rules.runOnce();
        assertThat(harness.jdbc.queryForObject("SELECT severity FROM alert WHERE elder_id = ? AND kind = 'LOW_BATTERY' AND status = 'OPEN'", String.class, elder.id())).isEqualTo("LOW");
        clock.advance(Duration.ofMinutes(3));
        harness.jdbc.update("UPDATE device SET battery_pct = 20 WHERE id = ?", elder.wristband());
        rules.runOnce();
        assertThat(status(elder, "LOW_BATTERY")).isEqualTo("OPEN");
        harness.jdbc.update("UPDATE device SET battery_pct = 80 WHERE id = ?", elder.wristband());
        rules.runOnce();
        assertThat(status(elder, "LOW_BATTERY")).isEqualTo("AUTO_RESOLVED");
    }

    @Test
    void earlyWarningScoreFromTheLatestVitals() {
        Fixtures.Elder elder = harness.world.elder("谢丽华");
        observe(elder, "HR", 135);   // 3
        observe(elder, "RR", 26);    // 3
        observe(elder, "SPO2", 90);  // 3
        observe(elder, "TEMP", 39.5); // 2
        observe(elder, "SBP", 95);   // 2
        rules.runOnce();
        Map<String, Object> ew = harness.jdbc.queryForMap("SELECT severity, (detail->>'score')::int AS score, detail->>'risk' AS risk FROM alert WHERE elder_id = ? AND kind = 'EARLY_WARNING'", elder.id());
        assertThat(ew).containsEntry("severity", "HIGH").containsEntry("score", 13).containsEntry("risk", "HIGH");
    }

    @Test
    void daytimeInactivityAndSilentWearable() {
        Fixtures.Elder still = harness.world.elder("韩淑英");
        for (int h = 0; h < 4; h++) {
            observe(still, "STEPS", 0, Duration.ofMinutes(20 + 60L * h));
        }
        Fixtures.Elder silent = harness.world.elder("唐美玲");
        harness.jdbc.update("UPDATE device SET last_connected_at = ? WHERE id = ?", ago(Duration.ofHours(2)), silent.wristband());
        // A protocol watch on the wrist is a wearable too: connected and silent for two hours.
        Fixtures.Elder watchWearer = harness.world.elder("高桂兰");
        harness.jdbc.update("UPDATE device SET kind = 'WATCH', protocol = 'WATCH', last_connected_at = ? WHERE id = ?",
                ago(Duration.ofHours(2)), watchWearer.wristband());
        rules.runOnce();
        assertThat(status(still, "INACTIVITY")).isEqualTo("OPEN");
        assertThat(status(silent, "NO_DATA")).isEqualTo("OPEN");
        assertThat(status(watchWearer, "NO_DATA")).isEqualTo("OPEN");

        observe(silent, "HR", 72, Duration.ZERO);
        observe(still, "STEPS", 250, Duration.ZERO);
        clock.advance(Duration.ofMinutes(3));
        rules.runOnce();
        assertThat(status(still, "INACTIVITY")).isEqualTo("AUTO_RESOLVED");
        assertThat(status(silent, "NO_DATA")).isEqualTo("AUTO_RESOLVED");
    }

    private static String status(Fixtures.Elder elder, String kind) {
        return harness.jdbc.queryForObject("SELECT status FROM alert WHERE elder_id = ? AND kind = ? ORDER BY id DESC LIMIT 1", String.class, elder.id(), kind);
    }

    private static Timestamp ago(Duration d) {
        return Timestamp.from(clock.instant().minus(d));
    }

    private static void location(Fixtures.Elder elder, double lat, double lon) {
        harness.jdbc.update("INSERT INTO location (time, elder_id, device_id, lat, lon) VALUES (?, ?, ?, ?, ?)",
                ago(Duration.ofMinutes(1)), elder.id(), elder.handset(), lat, lon);
    }

    private static void observe(Fixtures.Elder elder, String code, double value) {
        observe(elder, code, value, Duration.ofMinutes(5));
    }

    private static void observe(Fixtures.Elder elder, String code, double value, Duration ago) {
        harness.jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (?, ?, ?, ?, ?)",
                ago(ago), elder.id(), elder.wristband(), code, value);
    }
}
