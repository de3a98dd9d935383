package care.anxin.simulator.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The trend queries a console would need, timed straight against the database (used while the
 * trend API is not there): 24 h of raw readings in 5-minute buckets, 7 d and 30 d from the
 * hourly rollup, 90 d from the daily rollup; five codes, one elder per query.
 */
final class TrendSqlTimings {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("24h", """
                SELECT code, date_bin('5 minutes', time, TIMESTAMPTZ '2000-01-01') AS t, min(value), avg(value), max(value), count(*)
                FROM observation WHERE elder_id = ? AND code = ANY(?) AND time >= now() - interval '24 hours'
                GROUP BY code, t ORDER BY code, t""");
        QUERIES.put("7d", """
                SELECT code, bucket, min_value, avg_value, max_value, n FROM observation_hourly
                WHERE elder_id = ? AND code = ANY(?) AND bucket >= now() - interval '7 days' ORDER BY code, bucket""");
        QUERIES.put("30d", """
                SELECT code, date_bin('6 hours', bucket, TIMESTAMPTZ '2000-01-01') AS t, min(min_value),
                       sum(avg_value * n) / sum(n), max(max_value), sum(n)
                FROM observation_hourly WHERE elder_id = ? AND code = ANY(?) AND bucket >= now() - interval '30 days'
                GROUP BY code, t ORDER BY code, t""");
        QUERIES.put("90d", """
                SELECT code, bucket, min_value, avg_value, max_value, n FROM observation_daily
                WHERE elder_id = ? AND code = ANY(?) AND bucket >= now() - interval '90 days' ORDER BY code, bucket""");
    }

    private TrendSqlTimings() {
    }

    /** One range's timings as a JSON-ready map, also printed as a table row. */
    static Map<String, Object> report(String range, Histogram h, String countName, int count) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("n", h.getTotalCount());
        t.put("p50Ms", h.getValueAtPercentile(50) / 1000.0);
        t.put("p99Ms", h.getValueAtPercentile(99) / 1000.0);
        t.put("maxMs", h.getMaxValue() / 1000.0);
        t.put(countName, count);
        System.out.printf("%-6s %6d %8.1f %8.1f %8.1f %8d%n", range, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, count);
        return t;
    }

    static Map<String, Object> run(Connection db, List<Long> elders, int queries) throws SQLException {
        Map<String, Object> timings = new LinkedHashMap<>();
        System.out.printf("%n%-6s %6s %8s %8s %8s %8s   (SQL only)%n", "range", "n", "p50 ms", "p99 ms", "max ms", "rows");
        for (Map.Entry<String, String> query : QUERIES.entrySet()) {
            Histogram h = new Histogram(3);
            int rows = 0;
            try (PreparedStatement st = db.prepareStatement(query.getValue())) {
                for (int i = 0; i < queries + 5; i++) {
                    st.setLong(1, elders.get(i % elders.size()));
                    st.setArray(2, db.createArrayOf("text", new String[] {"HR", "SPO2", "SBP", "DBP", "TEMP"}));
                    long t0 = System.nanoTime();
                    rows = 0;
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    if (i >= 5) {
                        h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    }
                }
            }
            timings.put(query.getKey(), report(query.getKey(), h, "rows", rows));
        }
        return timings;
    }
}
