package care.anxin.monitoring.browser;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The rows a care center has before anyone opens the console: a city and a community center, a care
 * worker and a family doctor with a contract, one elder with contacts, a care plan and a bound
 * wristband, seven days of vitals (raw, hourly and daily rollups) and one past incident. Plain SQL,
 * the way the other services write these tables.
 */
record ConsoleFixtures(long centerId, long staffId, long doctorId, long adminId, long elderId, String deviceId) {

    static final String PASSWORD = "Console-Test-1";
    static final String ELDER_NAME = "张秀英";

    static ConsoleFixtures insert(JdbcTemplate jdbc) {
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        long city = jdbc.queryForObject("""
                INSERT INTO organization (kind, code, name, name_en) VALUES ('CITY', 'BT-CITY', '测试市', 'Test City')
                RETURNING id""", Long.class);
        long center = jdbc.queryForObject("""
                INSERT INTO organization (parent_id, kind, code, name, name_en, phone)
                VALUES (?, 'COMMUNITY_CENTER', 'BT-CENTER', '阳光社区照料中心', 'Sunshine Care Center', '021-5555-0100')
                RETURNING id""", Long.class, city);
        long staff = user(jdbc, center, "bt-staff", "王护士", "CARE_STAFF", hash);
        long doctor = user(jdbc, center, "bt-doctor", "李医生", "DOCTOR", hash);
        long admin = user(jdbc, city, "bt-admin", "陈管理员", "ADMIN", hash);
        long elder = jdbc.queryForObject("""
                INSERT INTO elder (organization_id, name, gender, birth_date, phone, address, conditions,
                                   home_lat, home_lon, home_radius_m, care_plan)
                VALUES (?, ?, 'F', DATE '1942-03-15', '13800138000', '上海市静安区康宁路 88 弄 5 号 302 室',
                        ARRAY['高血压', '2 型糖尿病'], 31.2304, 121.4737, 300,
                        '{"thresholds":{"HR":{"criticalLow":40,"low":50,"high":110,"criticalHigh":130},
                          "SPO2":{"criticalLow":88,"low":92}},"inactivityHours":4,"noDataMinutes":60}'::jsonb)
                RETURNING id""", Long.class, center, ELDER_NAME);
        jdbc.update("INSERT INTO elder_contact (elder_id, name, relation, phone, priority) VALUES (?, '刘建国', '儿子', '13900139000', 1)", elder);
        jdbc.update("INSERT INTO elder_contact (elder_id, name, relation, phone, priority) VALUES (?, '刘芳', '女儿', '13700137000', 2)", elder);
        jdbc.update("INSERT INTO doctor_contract (elder_id, doctor_user_id, valid_from) VALUES (?, ?, CURRENT_DATE - 30)", elder, doctor);
        String device = "WB-BT-0001";
        jdbc.update("""
                INSERT INTO device (id, kind, organization_id, elder_id, secret_hash, model, online, battery_pct,
                                    last_seen_at, last_connected_at)
                VALUES (?, 'WRISTBAND', ?, ?, ?, 'AX-W2', TRUE, 76, now(), now() - interval '2 hours')""",
                device, center, elder, hash);
        vitals(jdbc, elder, device);
        jdbc.update("""
                INSERT INTO location (time, elder_id, device_id, lat, lon, accuracy_m)
                VALUES (now() - interval '3 minutes', ?, ?, 31.2311, 121.4741, 12)""", elder, device);
        // A past, resolved heart-rate incident: the trend charts mark it on the time axis.
        jdbc.update("""
                INSERT INTO alert (elder_id, organization_id, device_id, kind, severity, status, title, first_event_at,
                                   last_event_at, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, outcome)
                VALUES (?, ?, ?, 'VITAL_HR', 'HIGH', 'RESOLVED', '心率过高 142 次/分', now() - interval '2 days',
                        now() - interval '2 days', now() - interval '2 days', now() - interval '2 days' + interval '40 seconds', ?,
                        now() - interval '2 days' + interval '20 minutes', ?, 'HELP_PROVIDED')""",
                elder, center, device, staff, staff);
        return new ConsoleFixtures(center, staff, doctor, admin, elder, device);
    }

    private static long user(JdbcTemplate jdbc, long org, String username, String name, String role, String hash) {
        return jdbc.queryForObject("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role)
                VALUES (?, ?, ?, ?, ?) RETURNING id""", Long.class, org, username, name, hash, role);
    }

    /** Seven days every 10 minutes with a daily rhythm, plus the rollups the trend queries read. */
    private static void vitals(JdbcTemplate jdbc, long elder, String device) {
        jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT ts, ?, ?, s.code,
                       greatest(0, round((s.base + s.swing * sin(extract(epoch FROM ts) / 86400.0 * 2 * pi())
                              + s.noise * (random() - 0.5))::numeric, s.digits))
                FROM generate_series(date_trunc('minute', now()) - interval '7 days', now(), interval '10 minutes') ts
                CROSS JOIN (VALUES ('HR', 74.0, 8.0, 10.0, 0), ('SPO2', 96.5, 1.0, 2.0, 0),
                                   ('SBP', 132.0, 10.0, 8.0, 0), ('DBP', 80.0, 6.0, 6.0, 0),
                                   ('TEMP', 36.5, 0.3, 0.2, 1), ('STEPS', 120.0, 110.0, 60.0, 0)) AS s(code, base, swing, noise, digits)
                """, elder, device);
        for (String[] rollup : new String[][] {{"observation_hourly", "1 hour"}, {"observation_daily", "1 day"}}) {
            jdbc.update("INSERT INTO " + rollup[0] + " (bucket, elder_id, code, n, min_value, max_value, avg_value) "
                    + "SELECT date_bin(?::interval, time, TIMESTAMPTZ '2000-01-01'), elder_id, code, count(*), min(value), max(value), avg(value) "
                    + "FROM observation WHERE elder_id = ? GROUP BY 1, 2, 3", rollup[1], elder);
        }
    }

    /** An SOS as the alert service opens it: the row insert fires NOTIFY alert_changed. */
    long openSos(JdbcTemplate jdbc) {
        // One open SOS per elder: a test that failed before its own clean-up must not fail the next ones.
        jdbc.update("""
                UPDATE alert SET status = 'RESOLVED', resolved_at = now(), updated_at = now()
                WHERE elder_id = ? AND kind = 'SOS' AND status IN ('OPEN', 'ACKNOWLEDGED')""", elderId);
        long id = jdbc.queryForObject("""
                INSERT INTO alert (elder_id, organization_id, device_id, kind, severity, status, title, first_event_at,
                                   last_event_at, opened_at, next_escalation_at, lat, lon, detail)
                VALUES (?, ?, ?, 'SOS', 'CRITICAL', 'OPEN', 'SOS 一键呼救', now(), now(), now(),
                        now() + interval '60 seconds', 31.2311, 121.4741, '{"battery":76}'::jsonb)
                RETURNING id""", Long.class, elderId, centerId, deviceId);
        jdbc.update("INSERT INTO alert_action (alert_id, actor, action, detail) VALUES (?, 'system', 'OPENED', '{}'::jsonb)", id);
        return id;
    }
}
