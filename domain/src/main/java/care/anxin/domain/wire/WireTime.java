package care.anxin.domain.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The wire's time format: ISO-8601 date-time with a mandatory offset
 * ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}). The common shape
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} is parsed by hand because the formatter costs
 * about a microsecond per call and a vitals message may carry 33 timestamps; anything else falls
 * back to the formatter, so both accept exactly the same strings (a property test checks it).
 */
final class WireTime {

    static final String EXAMPLE = "2026-11-23T08:30:00+08:00";
    /** Returned by {@link #parseCommonShape} when the text is not in the common shape. */
    private static final Instant OTHER_SHAPE = Instant.MIN;

    private WireTime() {
    }

    /** Parses a wire ts, or returns null when it is not ISO-8601 with an offset. */
    static Instant parse(String text) {
        if (text.length() < 16 || text.length() > 48) {
            return null;
        }
        Instant fast = parseCommonShape(text);
        return fast != OTHER_SHAPE ? fast : parseWithFormatter(text);
    }

    static Instant parseWithFormatter(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant, null when the shape is right but a value is out of range, or {@link #OTHER_SHAPE}. */
    private static Instant parseCommonShape(String s) {
        int len = s.length();
        if (len < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return OTHER_SHAPE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return OTHER_SHAPE;
        }
        int pos = 19;
        int nanos = 0;
        if (s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < len && pos - start < 9 && isDigit(s.charAt(pos))) {
                nanos = nanos * 10 + (s.charAt(pos++) - '0');
            }
            int count = pos - start;
            if (count == 0 || (pos < len && isDigit(s.charAt(pos)))) {
                return OTHER_SHAPE;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (pos == len - 1 && s.charAt(pos) == 'Z') {
            offsetSeconds = 0;
        } else if (pos == len - 6 && (s.charAt(pos) == '+' || s.charAt(pos) == '-') && s.charAt(pos + 3) == ':') {
            int oh = digits(s, pos + 1, 2);
            int om = digits(s, pos + 4, 2);
            if ((oh | om) < 0) {
                return OTHER_SHAPE;
            }
            if (oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (s.charAt(pos) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return OTHER_SHAPE;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds,
                    nanos);
        } catch (DateTimeException e) {
            return null; // e.g. 2026-02-30
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The non-negative value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String format(Instant time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }
}
