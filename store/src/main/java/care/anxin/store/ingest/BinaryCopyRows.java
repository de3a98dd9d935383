package care.anxin.store.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format (header, tuples, trailer), so the server stores the
 * values as they are instead of parsing text: a timestamptz is 8 bytes of microseconds since
 * 2000-01-01 UTC, a float8 its IEEE bits. Values are written in the COPY statement's column order.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in seconds since the Unix epoch. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private ByteBuffer buffer;

    BinaryCopyRows(int expectedRows) {
        buffer = ByteBuffer.allocate(19 + expectedRows * 96); // big-endian, as COPY wants
        buffer.put(SIGNATURE).putInt(0).putInt(0); // no OIDs, no header extension
    }

    BinaryCopyRows row(int fields) {
        room(2).putShort((short) fields);
        return this;
    }

    BinaryCopyRows timestamptz(Instant t) {
        room(12).putInt(8).putLong(pgMicros(t));
        return this;
    }

    BinaryCopyRows int8(long v) {
        room(12).putInt(8).putLong(v);
        return this;
    }

    BinaryCopyRows int2(int v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("smallint out of range: " + v);
        }
        room(6).putInt(2).putShort((short) v);
        return this;
    }

    BinaryCopyRows float8(Double v) {
        if (v == null) {
            room(4).putInt(-1);
        } else {
            room(12).putInt(8).putDouble(v);
        }
        return this;
    }

    BinaryCopyRows text(String v) {
        if (v == null) {
            room(4).putInt(-1);
        } else {
            byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
            room(4 + utf8.length).putInt(utf8.length).put(utf8);
        }
        return this;
    }

    /** Ends the stream (the trailer) and sends it whole to an open COPY, without another copy of the bytes. */
    void writeTo(CopyIn copy) throws SQLException {
        room(2).putShort((short) -1);
        copy.writeToCopy(buffer.array(), 0, buffer.position());
    }

    /**
     * Microseconds since 2000-01-01 UTC, rounded the way PostgreSQL rounds a fractional second it
     * parses from text (to nearest, ties to even), so binary and text writes store the same value.
     */
    static long pgMicros(Instant t) {
        long micros = Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L);
        int nanos = t.getNano();
        long whole = nanos / 1000;
        int rest = nanos % 1000;
        if (rest > 500 || (rest == 500 && (whole & 1) == 1)) {
            whole++;
        }
        return micros + whole;
    }

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            buffer = bigger.put(buffer);
        }
        return buffer;
    }
}
