package care.anxin.gateway;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Creates test organizations, elders and devices (secrets hashed with BCrypt like the real admin API). */
public final class Fleet {

    private static final AtomicInteger seq = new AtomicInteger();
    /** Low cost keeps tests fast; the format ($2a$) is the production one. */
    private static final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

    private final JdbcTemplate jdbc;
    private final long organizationId;

    public Fleet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        int n = seq.incrementAndGet();
        this.organizationId = jdbc.queryForObject("""
                INSERT INTO organization (kind, code, name) VALUES ('COMMUNITY_CENTER', ?, ?) RETURNING id""",
                Long.class, "TEST-" + n + "-" + System.nanoTime(), "测试社区 " + n);
    }

    public record Device(String id, String secret, Long elderId) {
    }

    public long elder(String carePlanJson) {
        return jdbc.queryForObject("""
                INSERT INTO elder (organization_id, name, gender, birth_date, care_plan)
                VALUES (?, '张阿姨', 'F', ?, ?::jsonb) RETURNING id""", Long.class, organizationId,
                LocalDate.now().minusYears(78), carePlanJson);
    }

    /** A device bound to a new elder with an empty care plan (defaults by age). */
    public Device device(String prefix) {
        return device(prefix, elder("{}"), true);
    }

    public Device device(String prefix, Long elderId, boolean enabled) {
        return deviceWithId(prefix + "-" + seq.incrementAndGet(), elderId, enabled);
    }

    /** A GPS watch (protocol WATCH, docs/protocol-watch.md) bound to a new elder; its id is a 10-digit registration code. */
    public String watch() {
        String id = String.valueOf(8_800_000_000L + seq.incrementAndGet() * 7919L % 100_000_000L + System.nanoTime() % 1000);
        jdbc.update("""
                INSERT INTO device (id, kind, protocol, organization_id, elder_id, secret_hash)
                VALUES (?, 'WATCH', 'WATCH', ?, ?, 'unused')""", id, organizationId, elder("{}"));
        return id;
    }

    public Device deviceWithId(String id, Long elderId, boolean enabled) {
        String secret = "s3cret-" + id;
        jdbc.update("""
                INSERT INTO device (id, kind, organization_id, elder_id, secret_hash, enabled)
                VALUES (?, 'WRISTBAND', ?, ?, ?, ?)""", id, organizationId, elderId, bcrypt.encode(secret), enabled);
        return new Device(id, secret, elderId);
    }
}
