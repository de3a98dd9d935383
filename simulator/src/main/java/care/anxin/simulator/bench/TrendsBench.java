package care.anxin.simulator.bench;

import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.config.SimulatorProperties;
import care.anxin.simulator.provision.AdminApiClient;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code ./anxin bench trends}: bulk-loads N elders × D days of per-minute vitals with COPY
 * (bench-only; devices normally go through MQTT), waits for the rollups to catch up, then times
 * the trend API for 24 h / 7 d / 30 d / 90 d as the console calls it.
 */
public final class TrendsBench {

    private static final List<String> RANGES = List.of("24h", "7d", "30d", "90d");
    private static final String CODES = "HR,SPO2,SBP,DBP,TEMP";

    private final SimulatorProperties simulator;
    private final BenchProperties bench;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public TrendsBench(SimulatorProperties simulator, BenchProperties bench, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.simulator = simulator;
        this.bench = bench;
        this.json = json;
    }

    public Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        List<Long> elders;
        try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
            BenchFleet.Fleet fleet = BenchFleet.ensure(db, bench.trendElders());
            elders = fleet.elderIds().subList(0, bench.trendElders());
            Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Instant start = end.minus(Duration.ofDays(bench.trendDays()));
            long already = count(db, "SELECT count(*) FROM observation WHERE elder_id = ? AND code = 'HR' AND time >= ?", elders.get(0), start);
            if (already >= bench.trendDays() * 1440L * 9 / 10) {
                System.out.printf("Trend data already loaded (%,d HR readings for the first elder); skipping the load%n", already);
                result.put("loaded", "reused");
            } else {
                long t0 = System.nanoTime();
                long rows = load(db, fleet, elders, start, end);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("Loaded %,d readings (%d elders x %d days) with COPY in %.1f s (%,.0f rows/s)%n", rows,
                        elders.size(), bench.trendDays(), seconds, rows / seconds);
                result.put("loadedRows", rows);
                result.put("loadSeconds", Math.round(seconds * 10) / 10.0);
            }
            result.put("rollupCatchUpSeconds", awaitRollups(db, elders.get(elders.size() - 1), start));
        }
        AdminApiClient api = new AdminApiClient(simulator.apiUrl(), simulator.adminUser(), simulator.adminPassword(), json);
        api.awaitUp(Duration.ofMinutes(2));
        try {
            api.get("/api/v1/elders/" + elders.get(0) + "/trends?codes=HR&range=24h");
        } catch (AdminApiClient.ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            System.out.println("The trend API is not available on this platform (404); timing the equivalent SQL instead");
            try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
                result.put("trendSql", TrendSqlTimings.run(db, elders, bench.trendQueries()));
            }
            System.out.println("Results written to " + BenchReport.write(bench.outDir(), "trends", bench, result, json));
            return result;
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        System.out.printf("%n%-6s %6s %8s %8s %8s %8s%n", "range", "n", "p50 ms", "p99 ms", "max ms", "points");
        for (String range : RANGES) {
            Histogram h = new Histogram(3);
            int points = 0;
            for (int i = 0; i < bench.trendQueries() + 5; i++) {
                long elderId = elders.get(i % elders.size());
                long t0 = System.nanoTime();
                var body = api.get("/api/v1/elders/" + elderId + "/trends?codes=" + CODES + "&range=" + range);
                long micros = (System.nanoTime() - t0) / 1000;
                if (i >= 5) { // the first few warm up the JIT and the caches
                    h.recordValue(Math.max(1, micros));
                }
                points = 0;
                for (var series : body.path("series")) {
                    points += series.path("points").size();
                }
            }
            timings.put(range, TrendSqlTimings.report(range, h, "pointsPerResponse", points));
        }
        result.put("trendApi", timings);
        System.out.println("Results written to " + BenchReport.write(bench.outDir(), "trends", bench, result, json));
        return result;
    }

    /** HR and SpO2 every minute, blood pressure and temperature every 15 minutes, one COPY per elder. */
    private long load(Connection db, BenchFleet.Fleet fleet, List<Long> elders, Instant start, Instant end)
            throws SQLException, IOException {
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        for (int e = 0; e < elders.size(); e++) {
            long elderId = elders.get(e);
            String deviceId = fleet.devices().get(e).deviceId();
            try (PreparedStatement clear = db.prepareStatement("DELETE FROM vital_sample WHERE elder_id = ? AND time >= ?")) {
                clear.setLong(1, elderId);
                clear.setObject(2, java.sql.Timestamp.from(start));
                clear.executeUpdate();
            }
            VitalsCsv csv = new VitalsCsv(elderId, deviceId, start, end);
            copy.copyIn("COPY vital_sample (time, elder_id, device_id, hr, spo2, sbp, dbp, temp) FROM STDIN WITH (FORMAT csv)", csv);
            rows += csv.readings;
        }
        return rows;
    }

    /** Seconds until the hourly rollup covers the last loaded elder (null if it did not within 3 minutes). */
    private static Double awaitRollups(Connection db, long elderId, Instant start) throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        long wanted = Duration.between(start, Instant.now()).toHours() * 9 / 10;
        while (System.nanoTime() - t0 < 180_000_000_000L) {
            long buckets;
            try {
                buckets = count(db, "SELECT count(*) FROM observation_hourly WHERE elder_id = ? AND code = 'HR' AND bucket >= ?", elderId, start);
            } catch (SQLException e) {
                System.out.println("No observation_hourly rollup to wait for: " + e.getMessage());
                return null;
            }
            if (buckets >= wanted) {
                double seconds = Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
                System.out.printf("Hourly rollup caught up (%,d buckets) after %.1f s%n", buckets, seconds);
                return seconds;
            }
            Thread.sleep(1000);
        }
        System.out.println("Hourly rollup did not catch up within 3 minutes; timings below include raw-data fallbacks");
        return null;
    }

    private static long count(Connection db, String sql, long elderId, Instant since) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, elderId);
            st.setObject(2, java.sql.Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Streams CSV rows for COPY without building them all in memory. */
    private static final class VitalsCsv extends Reader {
        private final long elderId;
        private final String deviceId;
        private final Instant end;
        private final SplittableRandom random;
        private Instant t;
        private final StringBuilder buffer = new StringBuilder();
        private int position;
        /** Readings written so far (a row is one sample of 2 or 5 readings). */
        long readings;

        VitalsCsv(long elderId, String deviceId, Instant start, Instant end) {
            this.elderId = elderId;
            this.deviceId = deviceId;
            this.end = end;
            this.t = start;
            this.random = new SplittableRandom(elderId);
        }

        @Override
        public int read(char[] out, int off, int len) {
            if (position >= buffer.length()) {
                buffer.setLength(0);
                position = 0;
                for (int i = 0; i < 256 && t.isBefore(end); i++) {
                    minute();
                    t = t.plusSeconds(60);
                }
                if (buffer.isEmpty()) {
                    return -1;
                }
            }
            int n = Math.min(len, buffer.length() - position);
            buffer.getChars(position, position + n, out, off);
            position += n;
            return n;
        }

        private void minute() {
            double hour = (t.getEpochSecond() / 3600.0 + 8) % 24;
            boolean night = hour < 6 || hour >= 22;
            buffer.append(t).append(',').append(elderId).append(',').append(deviceId);
            value(Math.round(70 - (night ? 8 : 0) + random.nextGaussian() * 4));   // HR
            value(Math.min(100, Math.round(96.5 + random.nextGaussian() * 0.8)));  // SPO2
            if (t.getEpochSecond() / 60 % 15 == 0) {
                value(Math.round(128 - (night ? 10 : 0) + random.nextGaussian() * 6)); // SBP
                value(Math.round(80 - (night ? 6 : 0) + random.nextGaussian() * 4));   // DBP
                value(Math.round((36.5 + random.nextGaussian() * 0.15) * 10) / 10.0);  // TEMP
            } else {
                buffer.append(",,,"); // no blood pressure or temperature this minute (NULL)
            }
            buffer.append('\n');
        }

        private void value(double v) {
            buffer.append(',').append(v);
            readings++;
        }

        @Override
        public void close() {
        }
    }
}
