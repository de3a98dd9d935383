package care.anxin.store.maintenance;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Native range partitions of a time-series table on plain PostgreSQL: one partition per week
 * (ranges start on Mondays 00:00 UTC, like TimescaleDB's weekly time_bucket), named
 * {@code <table>_p<yyyymmdd of the first day>}. Rows that arrived before their partition existed
 * sit in the table's DEFAULT partition and are moved into the new partition in the same
 * transaction that attaches it (PostgreSQL refuses to attach a range that DEFAULT still holds
 * rows of). See docs/decisions.md for why weekly.
 */
public final class PartitionManager {

    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);
    /** A Monday, so weekly partitions start on Mondays (TimescaleDB's time_bucket origin). */
    static final Instant ORIGIN = Instant.parse("2000-01-03T00:00:00Z");
    public static final Duration WEEKLY = Duration.ofDays(7);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    /** Maintenance gives way instead of queueing in front of the services' statements. */
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '5s'";

    private final Duration width;

    public PartitionManager(Duration width) {
        this.width = width;
    }

    /** What one pass over a table did. */
    public record Report(String table, List<String> created, long rowsMovedFromDefault, List<String> dropped,
                         long expiredDefaultRows, List<String> failures) {
    }

    /**
     * Makes sure partitions cover [from, to) and every range that has rows waiting in DEFAULT,
     * then drops partitions (and DEFAULT rows) entirely older than {@code now - retention}.
     */
    public Report maintain(JdbcTemplate jdbc, TransactionTemplate tx, String table, Instant from, Instant to,
                           Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        List<String> created = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long moved = 0;

        TreeSet<Instant> starts = new TreeSet<>();
        for (Instant s = floor(from); s.isBefore(to); s = s.plus(width)) {
            starts.add(s);
        }
        starts.addAll(jdbc.queryForList("SELECT DISTINCT date_bin(?::interval, time, ?) FROM " + table + "_default",
                Timestamp.class, interval(width), Timestamp.from(ORIGIN)).stream().map(t -> floor(t.toInstant())).toList());
        starts.removeIf(s -> !s.plus(width).isAfter(cutoff));

        for (Instant start : starts) {
            String name = partitionName(table, start);
            if (exists(jdbc, name)) {
                continue;
            }
            try {
                Long rows = tx.execute(status -> createPartition(jdbc, table, name, start, start.plus(width)));
                moved += rows == null ? 0 : rows;
                created.add(name);
            } catch (DataAccessException e) {
                failures.add(name + ": " + e.getMostSpecificCause().getMessage());
                log.warn("Could not create partition {} (will retry on the next run): {}", name, e.getMostSpecificCause().getMessage());
            }
        }

        for (String partition : partitions(jdbc, table)) {
            Instant start = startOf(table, partition);
            if (start != null && !start.plus(width).isAfter(cutoff)) {
                try {
                    tx.executeWithoutResult(status -> {
                        jdbc.execute(LOCK_TIMEOUT);
                        jdbc.execute("DROP TABLE " + partition);
                    });
                    dropped.add(partition);
                } catch (DataAccessException e) {
                    failures.add(partition + ": " + e.getMostSpecificCause().getMessage());
                    log.warn("Could not drop expired partition {} (will retry on the next run): {}", partition,
                            e.getMostSpecificCause().getMessage());
                }
            }
        }
        int expired = jdbc.update("DELETE FROM " + table + "_default WHERE time < ?", Timestamp.from(cutoff));
        return new Report(table, created, moved, dropped, expired, failures);
    }

    /** Creates the partition for [start, end), moving any rows of that range out of DEFAULT, in one transaction. */
    private long createPartition(JdbcTemplate jdbc, String table, String name, Instant start, Instant end) {
        String defaultPartition = table + "_default";
        String bounds = "FROM ('" + start + "') TO ('" + end + "')";
        jdbc.execute(LOCK_TIMEOUT);
        // Locked first so no insert can slip a row of this range into DEFAULT before the attach checks it.
        jdbc.execute("LOCK TABLE " + defaultPartition + " IN ACCESS EXCLUSIVE MODE");
        jdbc.execute("CREATE TABLE " + name + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        // A matching CHECK lets ATTACH skip scanning the new partition.
        jdbc.execute("ALTER TABLE " + name + " ADD CONSTRAINT " + name + "_range CHECK (time >= '" + start
                + "' AND time < '" + end + "')");
        int moved = jdbc.update("WITH moved AS (DELETE FROM " + defaultPartition + " WHERE time >= ? AND time < ? RETURNING *) "
                + "INSERT INTO " + name + " SELECT * FROM moved", Timestamp.from(start), Timestamp.from(end));
        jdbc.execute("ALTER TABLE " + table + " ATTACH PARTITION " + name + " FOR VALUES " + bounds);
        jdbc.execute("ALTER TABLE " + name + " DROP CONSTRAINT " + name + "_range");
        if (moved > 0) {
            log.info("Partition {} created; {} row(s) moved in from {}", name, moved, defaultPartition);
        }
        return moved;
    }

    /** The partition that holds {@code time}, by name. */
    public String partitionName(String table, Instant time) {
        return table + "_p" + SUFFIX.format(floor(time));
    }

    Instant floor(Instant time) {
        long w = width.toSeconds();
        long offset = Math.floorDiv(time.getEpochSecond() - ORIGIN.getEpochSecond(), w) * w;
        return ORIGIN.plusSeconds(offset);
    }

    private static List<String> partitions(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = ?::regclass ORDER BY c.relname", String.class, table);
    }

    private static Instant startOf(String table, String partition) {
        Matcher m = Pattern.compile(Pattern.quote(table) + "_p(\\d{8})").matcher(partition);
        return m.matches() ? java.time.LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE)
                .atStartOfDay(ZoneOffset.UTC).toInstant() : null;
    }

    private static boolean exists(JdbcTemplate jdbc, String name) {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, name);
    }

    private static String interval(Duration d) {
        return d.toSeconds() + " seconds";
    }
}
