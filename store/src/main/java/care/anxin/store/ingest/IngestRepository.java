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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Writes a group-commit batch of uplink messages from many devices in ONE transaction:
 * de-duplication keys, vital readings (packed into {@code vital_sample} rows, one per device and
 * instant), locations, device events and rejected messages.
 * Vital samples and locations, the bulk of every batch, go in by binary COPY (no value is parsed
 * from text by the server); so do the de-duplication keys, unless one of them was stored before
 * (then they are claimed through {@code INSERT ... ON CONFLICT DO NOTHING}); events are sent as
 * arrays through {@code unnest}. A batch costs one round trip per table.
 */
public class IngestRepository {

    /**
     * Claims keys; the conflict target is the key (time, device_id, digest), so only new keys come back.
     * Times travel as integer microseconds since PostgreSQL's epoch (what a timestamptz is), so the
     * server parses no date text; the multiplication is exact (below 2^53 µs, ~285 years).
     */
    private static final String CLAIM = """
            INSERT INTO message_dedup (time, device_id, digest, msg_id, received_at)
            SELECT timestamptz '2000-01-01 00:00:00+00' + t * interval '1 microsecond', d, g, m,
                   timestamptz '2000-01-01 00:00:00+00' + ?::int8 * interval '1 microsecond'
            FROM unnest(?::int8[], ?::text[], ?::int8[], ?::text[]) AS x(t, d, g, m)
            ON CONFLICT DO NOTHING
            RETURNING device_id, digest""";
    private static final String CLAIM_ALL =
            "COPY message_dedup (time, device_id, digest, msg_id, received_at) FROM STDIN (FORMAT binary)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VITAL_SAMPLES = "COPY vital_sample (time, elder_id, device_id, received_at, flags, "
            + String.join(", ", VitalSampleColumns.all()) + ") FROM STDIN (FORMAT binary)";
    private static final String LOCATIONS = "COPY location (time, elder_id, device_id, lat, lon, accuracy_m, source, "
            + "received_at, flags) FROM STDIN (FORMAT binary)";
    private static final String EVENTS = """
            INSERT INTO device_event (elder_id, device_id, kind, occurred_at, received_at, msg_id, payload)
            SELECT e, d, k, o::timestamptz, r::timestamptz, m, p::jsonb
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS x(e, d, k, o, r, m, p)""";
    private static final String RADIO_FIXES = """
            INSERT INTO radio_fix (time, elder_id, device_id, source, scan, received_at, flags)
            SELECT t::timestamptz, e, d, s, j::jsonb, r::timestamptz, f::smallint
            FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS x(t, e, d, s, j, r, f)""";
    private static final String REJECTED = """
            INSERT INTO rejected_message (received_at, device_id, topic, reason_code, reason, payload, remote_address)
            VALUES (?::timestamptz, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;

    public IngestRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the batch in one transaction and returns the keys that were new. Items whose key was
     * stored before, or that repeat a key earlier in the same batch, write nothing; items without
     * rows claim no key and always count as new. Throws on any database error; then nothing of the
     * batch is stored.
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
                Set<MessageKey> fresh;
                try {
                    fresh = claimByCopy(c, unique.values(), receivedAt);
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    // A redelivery (or the same message in a concurrent batch): claim key by key instead.
                    c.rollback();
                    fresh = claim(c, unique.values(), receivedAt);
                }
                List<IngestItem> writing = new ArrayList<>(fresh.size());
                for (IngestItem item : unique.values()) {
                    if (fresh.contains(item.key())) {
                        writing.add(item);
                    }
                }
                copyObservations(c, writing);
                copyLocations(c, writing);
                insertEvents(c, writing.stream().flatMap(i -> i.events().stream()).toList());
                insertRadioFixes(c, writing.stream().flatMap(i -> i.radioFixes().stream()).toList());
                insertRejected(c, rejected);
                c.commit();
                return fresh;
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

    /**
     * The fast claim, for the usual batch without a single redelivery: every key by binary COPY
     * (multi-row inserts, no array parsing, no per-row conflict handling). One key stored before
     * fails it with a unique violation; the caller then rolls back and claims with {@link #claim}.
     */
    private static Set<MessageKey> claimByCopy(Connection c, Collection<IngestItem> items, Instant receivedAt)
            throws SQLException {
        Set<MessageKey> fresh = new HashSet<>(items.size() * 2);
        BinaryCopyRows keys = new BinaryCopyRows(items.size());
        boolean any = false;
        for (IngestItem item : items) {
            MessageKey k = item.key();
            fresh.add(k);
            if (item.hasRows()) {
                keys.row(5).timestamptz(k.deviceTime()).text(k.deviceId()).int8(k.digest()).text(k.msgId())
                        .timestamptz(receivedAt);
                any = true;
            }
        }
        if (any) {
            copyIn(c, CLAIM_ALL, keys);
        }
        return fresh;
    }

    /** The keys of the items that are new: those with rows whose key was claimed now, and every row-less one. */
    private static Set<MessageKey> claim(Connection c, Collection<IngestItem> items, Instant receivedAt)
            throws SQLException {
        Set<MessageKey> fresh = new HashSet<>(items.size() * 2);
        Map<DeviceDigest, MessageKey> claiming = new HashMap<>(items.size() * 2);
        for (IngestItem item : items) {
            if (item.hasRows()) {
                claiming.put(new DeviceDigest(item.key().deviceId(), item.key().digest()), item.key());
            } else {
                fresh.add(item.key());
            }
        }
        if (claiming.isEmpty()) {
            return fresh;
        }
        int n = claiming.size();
        Long[] times = new Long[n];
        String[] devices = new String[n];
        Long[] digests = new Long[n];
        String[] msgIds = new String[n];
        int i = 0;
        for (MessageKey k : claiming.values()) {
            times[i] = BinaryCopyRows.pgMicros(k.deviceTime());
            devices[i] = k.deviceId();
            digests[i] = k.digest();
            msgIds[i++] = k.msgId();
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setLong(1, BinaryCopyRows.pgMicros(receivedAt));
            ps.setArray(2, c.createArrayOf("int8", times));
            ps.setArray(3, c.createArrayOf("text", devices));
            ps.setArray(4, c.createArrayOf("int8", digests));
            ps.setArray(5, c.createArrayOf("text", msgIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(claiming.get(new DeviceDigest(rs.getString(1), rs.getLong(2))));
                }
            }
        }
        return fresh;
    }

    /**
     * Within one batch a (device, digest) pair names one key: equal digests mean equal payload
     * bytes, so equal ts too (and the batch holds each key once).
     */
    private record DeviceDigest(String deviceId, long digest) {
    }

    /** The readings as vital samples (one row per device and instant, see {@link VitalSample}). */
    private static void copyObservations(Connection c, List<IngestItem> items) throws SQLException {
        BinaryCopyRows copy = null;
        for (IngestItem item : items) {
            if (item.observations().isEmpty()) {
                continue;
            }
            if (copy == null) {
                copy = new BinaryCopyRows(items.size());
            }
            for (VitalSample s : VitalSample.pack(item.observations())) {
                copy.row(5 + s.values().length).timestamptz(s.time()).int8(s.elderId()).text(s.deviceId())
                        .timestamptz(s.receivedAt()).int2(s.flags());
                for (Double v : s.values()) {
                    copy.float8(v);
                }
            }
        }
        if (copy != null) {
            copyIn(c, VITAL_SAMPLES, copy);
        }
    }

    private static void copyLocations(Connection c, List<IngestItem> items) throws SQLException {
        List<LocationRow> rows = items.stream().flatMap(i -> i.locations().stream()).toList();
        if (rows.isEmpty()) {
            return;
        }
        BinaryCopyRows copy = new BinaryCopyRows(rows.size());
        for (LocationRow r : rows) {
            copy.row(9).timestamptz(r.time()).int8(r.elderId()).text(r.deviceId()).float8(r.lat()).float8(r.lon())
                    .float8(r.accuracyM()).text(r.source() == null ? "GPS" : r.source())
                    .timestamptz(r.receivedAt()).int2(r.flags());
        }
        copyIn(c, LOCATIONS, copy);
    }

    private static void copyIn(Connection c, String sql, BinaryCopyRows rows) throws SQLException {
        CopyIn copy = new CopyManager(c.unwrap(BaseConnection.class)).copyIn(sql);
        try {
            rows.writeTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void insertEvents(Connection c, List<EventRow> rows) throws SQLException {
        insertUnnest(c, EVENTS, rows,
                int8(EventRow::elderId), text(EventRow::deviceId), text(r -> r.kind().name()),
                text(r -> r.occurredAt().toString()), text(r -> r.receivedAt().toString()), text(EventRow::msgId),
                text(r -> r.payload() == null ? "{}" : ContractJson.write(r.payload())));
    }

    private static void insertRadioFixes(Connection c, List<RadioFixRow> rows) throws SQLException {
        insertUnnest(c, RADIO_FIXES, rows,
                text(r -> r.time().toString()), int8(RadioFixRow::elderId), text(RadioFixRow::deviceId),
                text(RadioFixRow::source), text(RadioFixRow::scanJson), text(r -> r.receivedAt().toString()),
                text(r -> Integer.toString(r.flags())));
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
