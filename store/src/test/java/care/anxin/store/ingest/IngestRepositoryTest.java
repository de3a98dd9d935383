package care.anxin.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ingest write path against a real PostgreSQL: rows written by binary COPY are bit for bit
 * the rows the previous text path (values as text through unnest, parsed by the server) stored,
 * and de-duplication keys on the payload digest.
 */
class IngestRepositoryTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);
    private final IngestRepository repository = new IngestRepository(ds);
    private final Instant received = Instant.parse("2026-11-23T00:31:05.123456789Z");

    /** Instants that exercise the microsecond rounding (ties to even) on both sides of 2000-01-01 and far from it. */
    private static final List<Instant> TIMES = List.of(
            Instant.parse("2026-11-23T00:30:00Z"),
            Instant.parse("2026-11-23T00:30:00.000000500Z"),   // tie, even micro: stays
            Instant.parse("2026-11-23T00:30:00.000001500Z"),   // tie, odd micro: up
            Instant.parse("2026-11-23T00:30:00.999999501Z"),   // rounds into the next second
            Instant.parse("2026-11-23T00:30:00.123456499Z"),
            Instant.parse("1999-12-31T23:59:59.999999500Z"),   // before the PostgreSQL epoch, tie
            Instant.parse("1999-12-31T23:59:59.000000700Z"),
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("2099-06-30T12:00:00.5Z"));
    private static final double[] VALUES = {72, 0.1, -0.0, 98.6, 1e-300, Double.MIN_VALUE, 123456789.123456789,
            Double.MAX_VALUE, -273.15};

    @Test
    void aBatchWrittenByBinaryCopyIsBitForBitWhatTheTextPathStored() {
        List<IngestItem> items = new ArrayList<>();
        List<ObservationRow> observations = new ArrayList<>();
        List<LocationRow> locations = new ArrayList<>();
        for (int i = 0; i < TIMES.size(); i++) {
            Instant t = TIMES.get(i);
            List<ObservationRow> obs = List.of(
                    new ObservationRow(t, 10 + i, "WB-" + i, "HR", VALUES[i], received, i % 4),
                    new ObservationRow(t, 10 + i, "WB-" + i, "SPO2", VALUES[VALUES.length - 1 - i], received.plusNanos(i * 250), 0));
            List<LocationRow> loc = List.of(new LocationRow(t, 10 + i, "WB-" + i, 31.2304 + i * 1e-9, 121.4737 - i * 0.1,
                    i % 2 == 0 ? null : 12.5 * i, i % 3 == 0 ? null : "WIFI", received, i % 4));
            observations.addAll(obs);
            locations.addAll(loc);
            items.add(new IngestItem(key("WB-" + i, "m" + i, t), obs, loc, List.of()));
        }

        Set<MessageKey> fresh = write(items);

        assertThat(fresh).hasSize(items.size());
        referenceTextPath(observations, locations);
        String obsColumns = "time, elder_id, device_id, code, float8send(value) AS value, received_at, flags";
        assertThat(rows("SELECT " + obsColumns + " FROM observation")).hasSize(observations.size())
                .containsExactlyInAnyOrderElementsOf(rows("SELECT " + obsColumns + " FROM reference_observation"));
        String locColumns = "time, elder_id, device_id, float8send(lat) AS lat, float8send(lon) AS lon, "
                + "float8send(accuracy_m) AS acc, source, received_at, flags";
        assertThat(rows("SELECT " + locColumns + " FROM location")).hasSize(locations.size())
                .containsExactlyInAnyOrderElementsOf(rows("SELECT " + locColumns + " FROM reference_location"));
        // And against Java's own view of the values: IEEE bits and microseconds since the Unix epoch.
        for (ObservationRow r : observations) {
            Map<String, Object> stored = jdbc.queryForMap("SELECT (extract(epoch FROM time) * 1000000)::numeric(30,0) AS micros, "
                    + "float8send(value) AS bits FROM observation WHERE device_id = ? AND code = ?", r.deviceId(), r.code());
            assertThat(((java.math.BigDecimal) stored.get("micros")).longValueExact()).isEqualTo(roundedMicros(r.time()));
            assertThat(java.nio.ByteBuffer.wrap((byte[]) stored.get("bits")).getLong()).isEqualTo(Double.doubleToRawLongBits(r.value()));
        }
        // The de-duplication keys' times travel as integer microseconds: the same instants the text path stored.
        for (IngestItem item : items) {
            MessageKey k = item.key();
            Map<String, Object> key = jdbc.queryForMap("""
                    SELECT time = ?::timestamptz AS same_time, received_at = ?::timestamptz AS same_received,
                           (extract(epoch FROM time) * 1000000)::numeric(30,0) AS micros
                    FROM message_dedup WHERE device_id = ? AND digest = ?""",
                    k.deviceTime().toString(), received.toString(), k.deviceId(), k.digest());
            assertThat(key.get("same_time")).as("ts of %s", k.deviceTime()).isEqualTo(true);
            assertThat(key.get("same_received")).isEqualTo(true);
            assertThat(((java.math.BigDecimal) key.get("micros")).longValueExact()).isEqualTo(roundedMicros(k.deviceTime()));
        }
    }

    @Test
    void anExactRedeliveryIsStoredOnceAndAReusedMsgIdWithNewContentIsANewMessage() {
        Instant t = Instant.parse("2026-11-23T08:30:00Z");
        IngestItem first = vitals("WB-1", "WB-1-000001", t, 72, "{\"msgId\":\"WB-1-000001\",\"v\":72}");
        assertThat(write(List.of(first))).containsExactly(first.key());

        IngestItem redelivery = vitals("WB-1", "WB-1-000001", t, 72, "{\"msgId\":\"WB-1-000001\",\"v\":72}");
        IngestItem afterReset = vitals("WB-1", "WB-1-000001", t.plusSeconds(60), 75, "{\"msgId\":\"WB-1-000001\",\"v\":75}");
        IngestItem otherDevice = vitals("WB-2", "WB-1-000001", t, 72, "{\"msgId\":\"WB-1-000001\",\"v\":72}");
        IngestItem repeatInBatch = vitals("WB-2", "WB-1-000001", t, 72, "{\"msgId\":\"WB-1-000001\",\"v\":72}");
        Set<MessageKey> fresh = write(List.of(redelivery, afterReset, otherDevice, repeatInBatch));

        assertThat(fresh).containsExactlyInAnyOrder(afterReset.key(), otherDevice.key());
        assertThat(jdbc.queryForList("SELECT device_id || ':' || value FROM observation ORDER BY 1", String.class))
                .containsExactly("WB-1:72", "WB-1:75", "WB-2:72");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup WHERE msg_id = 'WB-1-000001'", Integer.class)).isEqualTo(3);
    }

    @Test
    void messagesWithoutRowsClaimNoKeySoWillsAreNeverDuplicates() {
        Instant t = Instant.parse("2026-11-23T07:00:00Z");
        byte[] will = "{\"msgId\":\"will\",\"ts\":\"2026-11-23T07:00:00Z\",\"online\":false}".getBytes(StandardCharsets.UTF_8);
        IngestItem first = new IngestItem(MessageKey.of("WB-1", "will", t, will), List.of(), List.of(), List.of());
        IngestItem again = new IngestItem(MessageKey.of("WB-1", "will", t, will), List.of(), List.of(), List.of());

        assertThat(write(List.of(first))).containsExactly(first.key());
        assertThat(write(List.of(again))).containsExactly(again.key());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup", Integer.class)).isZero();
    }

    @Test
    void theDigestIsTheFirst64BitsOfTheSha256OfThePayload() {
        // sha256("abc") = ba7816bf8f01cfea 414140de5dae2223 ...
        assertThat(MessageKey.digest("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xba7816bf8f01cfeaL);
    }

    private IngestItem vitals(String device, String msgId, Instant t, double value, String payload) {
        return new IngestItem(MessageKey.of(device, msgId, t, payload.getBytes(StandardCharsets.UTF_8)),
                List.of(new ObservationRow(t, 1, device, "HR", value, received, 0)), List.of(), List.of());
    }

    private static MessageKey key(String device, String msgId, Instant t) {
        return MessageKey.of(device, msgId, t, (device + msgId + t).getBytes(StandardCharsets.UTF_8));
    }

    private Set<MessageKey> write(List<IngestItem> items) {
        try {
            return repository.write(items, List.of(), received);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> rows = jdbc.queryForList(sql);
        rows.forEach(r -> r.replaceAll((k, v) -> v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v));
        return rows;
    }

    /** The rows as the previous write path stored them: every value as text through unnest, parsed by the server. */
    private void referenceTextPath(List<ObservationRow> observations, List<LocationRow> locations) {
        jdbc.execute("CREATE TABLE reference_observation (LIKE observation INCLUDING DEFAULTS)");
        jdbc.execute("CREATE TABLE reference_location (LIKE location INCLUDING DEFAULTS)");
        for (ObservationRow r : observations) {
            jdbc.update("INSERT INTO reference_observation (time, elder_id, device_id, code, value, received_at, flags) "
                    + "SELECT t::timestamptz, e, d, c, v, r::timestamptz, f::smallint FROM unnest(?::text[], ?::bigint[], ?::text[], "
                    + "?::text[], ?::float8[], ?::text[], ?::int[]) AS x(t, e, d, c, v, r, f)",
                    "{" + r.time() + "}", "{" + r.elderId() + "}", "{" + r.deviceId() + "}", "{" + r.code() + "}",
                    "{" + r.value() + "}", "{" + r.receivedAt() + "}", "{" + r.flags() + "}");
        }
        for (LocationRow r : locations) {
            jdbc.update("INSERT INTO reference_location (time, elder_id, device_id, lat, lon, accuracy_m, source, received_at, flags) "
                    + "VALUES (?::timestamptz, ?, ?, ?::float8, ?::float8, ?::float8, ?, ?::timestamptz, ?)",
                    r.time().toString(), r.elderId(), r.deviceId(), Double.toString(r.lat()), Double.toString(r.lon()),
                    r.accuracyM() == null ? null : r.accuracyM().toString(), r.source() == null ? "GPS" : r.source(),
                    r.receivedAt().toString(), r.flags());
        }
    }

    /** Microseconds since the Unix epoch, nanoseconds rounded to nearest with ties to even. */
    private static long roundedMicros(Instant t) {
        java.math.BigDecimal micros = new java.math.BigDecimal(t.getEpochSecond()).movePointRight(6)
                .add(new java.math.BigDecimal(t.getNano()).movePointLeft(3));
        return micros.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }
}
