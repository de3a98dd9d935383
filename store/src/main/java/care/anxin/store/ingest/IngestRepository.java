package care.anxin.store.ingest;

import java.sql.Array;
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
        List<ObservationRow> rows = items.stream().flatMap(i -> i.observations().stream()).toList();
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] time = new String[n];
        Long[] elder = new Long[n];
        String[] device = new String[n];
        String[] code = new String[n];
        Double[] value = new Double[n];
        String[] received = new String[n];
        Integer[] flags = new Integer[n];
        for (int i = 0; i < n; i++) {
            ObservationRow r = rows.get(i);
            time[i] = r.time().toString();
            elder[i] = r.elderId();
            device[i] = r.deviceId();
            code[i] = r.code();
            value[i] = r.value();
            received[i] = r.receivedAt().toString();
            flags[i] = r.flags();
        }
        try (PreparedStatement ps = c.prepareStatement(OBSERVATIONS)) {
            setArrays(ps, arr(c, "text", time), arr(c, "int8", elder), arr(c, "text", device),
                    arr(c, "text", code), arr(c, "float8", value), arr(c, "text", received), arr(c, "int4", flags));
            ps.executeUpdate();
        }
    }

    private static void insertLocations(Connection c, List<IngestItem> items) throws SQLException {
        List<LocationRow> rows = items.stream().flatMap(i -> i.locations().stream()).toList();
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] time = new String[n];
        Long[] elder = new Long[n];
        String[] device = new String[n];
        Double[] lat = new Double[n];
        Double[] lon = new Double[n];
        Double[] accuracy = new Double[n];
        String[] source = new String[n];
        String[] received = new String[n];
        Integer[] flags = new Integer[n];
        for (int i = 0; i < n; i++) {
            LocationRow r = rows.get(i);
            time[i] = r.time().toString();
            elder[i] = r.elderId();
            device[i] = r.deviceId();
            lat[i] = r.lat();
            lon[i] = r.lon();
            accuracy[i] = r.accuracyM();
            source[i] = r.source() == null ? "GPS" : r.source();
            received[i] = r.receivedAt().toString();
            flags[i] = r.flags();
        }
        try (PreparedStatement ps = c.prepareStatement(LOCATIONS)) {
            setArrays(ps, arr(c, "text", time), arr(c, "int8", elder), arr(c, "text", device),
                    arr(c, "float8", lat), arr(c, "float8", lon), arr(c, "float8", accuracy),
                    arr(c, "text", source), arr(c, "text", received), arr(c, "int4", flags));
            ps.executeUpdate();
        }
    }

    private static void insertEvents(Connection c, List<EventRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Long[] elder = new Long[n];
        String[] device = new String[n];
        String[] kind = new String[n];
        String[] occurred = new String[n];
        String[] received = new String[n];
        String[] msgId = new String[n];
        String[] payload = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow r = rows.get(i);
            elder[i] = r.elderId();
            device[i] = r.deviceId();
            kind[i] = r.kind();
            occurred[i] = r.occurredAt().toString();
            received[i] = r.receivedAt().toString();
            msgId[i] = r.msgId();
            payload[i] = r.payloadJson() == null ? "{}" : r.payloadJson();
        }
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            setArrays(ps, arr(c, "int8", elder), arr(c, "text", device), arr(c, "text", kind),
                    arr(c, "text", occurred), arr(c, "text", received), arr(c, "text", msgId),
                    arr(c, "text", payload));
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

    private static Array arr(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }

    private static void setArrays(PreparedStatement ps, Array... arrays) throws SQLException {
        for (int i = 0; i < arrays.length; i++) {
            ps.setArray(i + 1, arrays[i]);
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
