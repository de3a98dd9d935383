package care.anxin.store.ingest;

import care.anxin.domain.event.ContractJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Writes a group-commit batch of uplink messages from many devices in ONE transaction:
 * de-duplication keys, observations, locations, device events and rejected messages. Rows are
 * sent as arrays through {@code unnest}, so a batch costs one round trip per table.
 */
public class IngestRepository {

    private static final String CLAIM = """
            INSERT INTO ingested_message (device_id, msg_id, received_at)
            SELECT d, m, ?::timestamptz FROM unnest(?::text[], ?::text[]) AS t(d, m)
            ON CONFLICT DO NOTHING
            RETURNING device_id, msg_id""";
    private static final String OBSERVATIONS = """
            INSERT INTO observation (time, elder_id, device_id, code, value, received_at, flags)
            SELECT t::timestamptz, e, d, c, v, r::timestamptz, f::smallint
            FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::int[])
                 AS x(t, e, d, c, v, r, f)""";
    private static final String LOCATIONS = """
            INSERT INTO location (time, elder_id, device_id, lat, lon, accuracy_m, source, received_at, flags)
            SELECT t::timestamptz, e, d, la, lo, a, s, r::timestamptz, f::smallint
            FROM unnest(?::text[], ?::bigint[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::text[],
                        ?::text[], ?::int[]) AS x(t, e, d, la, lo, a, s, r, f)""";
    private static final String EVENTS = """
            INSERT INTO device_event (elder_id, device_id, kind, occurred_at, received_at, msg_id, payload)
            SELECT e, d, k, o::timestamptz, r::timestamptz, m, p::jsonb
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS x(e, d, k, o, r, m, p)""";
    private static final String REJECTED = """
            INSERT INTO rejected_message (received_at, device_id, topic, reason_code, reason, payload, remote_address)
            VALUES (?::timestamptz, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;

    public IngestRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the batch in one transaction and returns the keys that were new. Items whose key was
     * stored before, or that repeat a key earlier in the same batch, write nothing. Throws on any
     * database error; then nothing of the batch is stored.
     */
    public Set<MessageKey> write(Collection<IngestItem> items, Collection<RejectedRow> rejected, Instant receivedAt)
            throws SQLException {
        Map<MessageKey, IngestItem> unique = new LinkedHashMap<>();
        for (IngestItem item : items) {
            unique.putIfAbsent(item.key(), item);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<MessageKey> claimed = claim(c, unique.keySet(), receivedAt);
                List<IngestItem> fresh = new ArrayList<>(claimed.size());
                for (IngestItem item : unique.values()) {
                    if (claimed.contains(item.key())) {
                        fresh.add(item);
                    }
                }
                insertObservations(c, fresh);
                insertLocations(c, fresh);
                insertEvents(c, fresh.stream().flatMap(i -> i.events().stream()).toList());
                insertRejected(c, rejected);
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Inserts events outside any message (presence) in their own transaction. */
    public void writeEvents(List<EventRow> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            insertEvents(c, events);
        }
    }

    private static Set<MessageKey> claim(Connection c, Collection<MessageKey> keys, Instant receivedAt)
            throws SQLException {
        Set<MessageKey> claimed = new HashSet<>();
        if (keys.isEmpty()) {
            return claimed;
        }
        String[] devices = new String[keys.size()];
        String[] msgIds = new String[keys.size()];
        int i = 0;
        for (MessageKey k : keys) {
            devices[i] = k.deviceId();
            msgIds[i++] = k.msgId();
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, receivedAt.toString());
            ps.setArray(2, c.createArrayOf("text", devices));
            ps.setArray(3, c.createArrayOf("text", msgIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new MessageKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return claimed;
    }

    private static void insertObservations(Connection c, List<IngestItem> items) throws SQLException {
        insertUnnest(c, OBSERVATIONS, items.stream().flatMap(i -> i.observations().stream()).toList(),
                text(r -> r.time().toString()), int8(ObservationRow::elderId), text(ObservationRow::deviceId),
                text(ObservationRow::code), float8(ObservationRow::value), text(r -> r.receivedAt().toString()),
                int4(ObservationRow::flags));
    }

    private static void insertLocations(Connection c, List<IngestItem> items) throws SQLException {
        insertUnnest(c, LOCATIONS, items.stream().flatMap(i -> i.locations().stream()).toList(),
                text(r -> r.time().toString()), int8(LocationRow::elderId), text(LocationRow::deviceId),
                float8(LocationRow::lat), float8(LocationRow::lon), float8(LocationRow::accuracyM),
                text(r -> r.source() == null ? "GPS" : r.source()), text(r -> r.receivedAt().toString()),
                int4(LocationRow::flags));
    }

    private static void insertEvents(Connection c, List<EventRow> rows) throws SQLException {
        insertUnnest(c, EVENTS, rows,
                int8(EventRow::elderId), text(EventRow::deviceId), text(r -> r.kind().name()),
                text(r -> r.occurredAt().toString()), text(r -> r.receivedAt().toString()), text(EventRow::msgId),
                text(r -> r.payload() == null ? "{}" : ContractJson.write(r.payload())));
    }

    /** One unnest() parameter: its SQL array type, its Java element type, and how a row supplies it. */
    private record Column<R>(String sqlType, Class<?> javaType, Function<R, ?> value) {
    }

    private static <R> Column<R> text(Function<R, String> value) {
        return new Column<>("text", String.class, value);
    }

    private static <R> Column<R> int8(Function<R, Long> value) {
        return new Column<>("int8", Long.class, value);
    }

    private static <R> Column<R> int4(Function<R, Integer> value) {
        return new Column<>("int4", Integer.class, value);
    }

    private static <R> Column<R> float8(Function<R, Double> value) {
        return new Column<>("float8", Double.class, value);
    }

    /** Sends the rows column by column as arrays: one round trip for the whole batch. */
    @SafeVarargs
    private static <R> void insertUnnest(Connection c, String sql, List<R> rows, Column<R>... columns)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int col = 0; col < columns.length; col++) {
                Column<R> column = columns[col];
                Object[] values = (Object[]) java.lang.reflect.Array.newInstance(column.javaType(), rows.size());
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.value().apply(rows.get(i));
                }
                ps.setArray(col + 1, c.createArrayOf(column.sqlType(), values));
            }
            ps.executeUpdate();
        }
    }

    private static void insertRejected(Connection c, Collection<RejectedRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(REJECTED)) {
            for (RejectedRow r : rows) {
                ps.setString(1, r.receivedAt().toString());
                ps.setString(2, r.deviceId());
                ps.setString(3, r.topic());
                ps.setInt(4, r.reasonCode());
                ps.setString(5, r.reason());
                if (r.payload() == null) {
                    ps.setNull(6, Types.BINARY);
                } else {
                    ps.setBytes(6, r.payload());
                }
                ps.setString(7, r.remoteAddress());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
