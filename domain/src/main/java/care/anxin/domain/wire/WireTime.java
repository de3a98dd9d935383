package care.anxin.domain.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wire's time format: ISO-8601 date-time with a mandatory offset. */
final class WireTime {

    static final String EXAMPLE = "2026-11-23T08:30:00+08:00";

    private WireTime() {
    }

    /** Parses a wire ts, or returns null when it is not ISO-8601 with an offset. */
    static Instant parse(String text) {
        if (text.length() < 20 || text.length() > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(Instant time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }
}
