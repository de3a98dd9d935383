package care.anxin.store.ingest;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Rows in PostgreSQL's binary COPY format (header, tuples, trailer), so the server stores the
 * values as they are instead of parsing text: a timestamptz is 8 bytes of microseconds since
 * 2000-01-01 UTC, a float8 its IEEE bits. Values are written in the COPY statement's column order.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in seconds since the Unix epoch. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    BinaryCopyRows(int expectedRows) {
        bytes = new ByteArrayOutputStream(19 + expectedRows * 96);
        out = new DataOutputStream(bytes);
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BinaryCopyRows row(int fields) {
        return write(() -> out.writeShort(fields));
    }

    BinaryCopyRows timestamptz(Instant t) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong(pgMicros(t));
        });
    }

    BinaryCopyRows int8(long v) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong(v);
        });
    }

    BinaryCopyRows int2(int v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("smallint out of range: " + v);
        }
        return write(() -> {
            out.writeInt(2);
            out.writeShort(v);
        });
    }

    BinaryCopyRows float8(Double v) {
        return write(() -> {
            if (v == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(8);
                out.writeDouble(v);
            }
        });
    }

    BinaryCopyRows text(String v) {
        return write(() -> {
            if (v == null) {
                out.writeInt(-1);
            } else {
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        });
    }

    /** The whole COPY stream, trailer included. */
    byte[] finish() {
        write(() -> out.writeShort(-1));
        return bytes.toByteArray();
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

    private interface IoWrite {
        void run() throws IOException;
    }

    private BinaryCopyRows write(IoWrite w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // ByteArrayOutputStream never throws
        }
        return this;
    }
}
