package care.anxin.domain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields out of a parsed payload and records every problem instead of stopping at the
 * first one, so a device vendor sees all mistakes at once. Not thread-safe: one per decode.
 * Field paths are built only when a problem is found (hot path allocates little).
 */
final class PayloadFields {

    /** Past this many problems the rest are counted, not listed (keeps reason strings bounded). */
    static final int MAX_LISTED = 20;

    private List<Problem> problems;
    private int unlisted;

    boolean ok() {
        return problems == null;
    }

    List<Problem> problems() {
        List<Problem> all = new ArrayList<>(problems);
        if (unlisted > 0) {
            all.add(new Problem("payload", unlisted + " more problems not listed"));
        }
        return all;
    }

    void problem(String field, String reason) {
        if (problems == null) {
            problems = new ArrayList<>(4);
        }
        if (problems.size() < MAX_LISTED) {
            problems.add(new Problem(field, reason));
        } else {
            unlisted++;
        }
    }

    /** Absent and JSON null both count as "not given" for optional fields. */
    static JsonNode field(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }

    static String path(String prefix, String name) {
        return prefix == null ? name : prefix + name;
    }

    /** A message id: 1-64 characters of {@code A-Z a-z 0-9 _ - . :}. */
    String messageId(JsonNode parent, String prefix, String name, boolean required) {
        JsonNode node = field(parent, name);
        if (node == null) {
            if (required) {
                problem(path(prefix, name), "is required (1-64 characters of A-Z a-z 0-9 _ - . :)");
            }
            return null;
        }
        if (!node.isTextual()) {
            problem(path(prefix, name), "must be a string");
            return null;
        }
        String id = node.textValue();
        if (!validMessageId(id)) {
            problem(path(prefix, name), "must be 1-64 characters of A-Z a-z 0-9 _ - . : (got " + quote(id) + ")");
            return null;
        }
        return id;
    }

    static boolean validMessageId(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    Instant time(JsonNode parent, String prefix, String name, boolean required) {
        JsonNode node = field(parent, name);
        if (node == null) {
            if (required) {
                problem(path(prefix, name), "is required (ISO-8601 with offset, e.g. " + WireTime.EXAMPLE + ")");
            }
            return null;
        }
        Instant time = node.isTextual() ? WireTime.parse(node.textValue()) : null;
        if (time == null) {
            problem(path(prefix, name), "must be an ISO-8601 date-time with offset, e.g. " + WireTime.EXAMPLE
                    + " (got " + shown(node) + ")");
        }
        return time;
    }

    /** A finite number in {@code [min, max]}, or null (and a problem) when absent-but-required or invalid. */
    Double number(JsonNode parent, String prefix, String name, boolean required, double min, double max) {
        JsonNode node = field(parent, name);
        if (node == null) {
            if (required) {
                problem(path(prefix, name), "is required (a number in " + range(min, max) + ")");
            }
            return null;
        }
        double value = finite(node);
        if (Double.isNaN(value)) {
            problem(path(prefix, name), notANumber(node));
            return null;
        }
        if (value < min || value > max) {
            problem(path(prefix, name), WireJson.format(value) + " is outside " + range(min, max));
            return null;
        }
        return value;
    }

    Integer integer(JsonNode parent, String prefix, String name, int min, int max) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        double value = finite(node);
        if (Double.isNaN(value) || value != Math.rint(value)) {
            problem(path(prefix, name), "must be an integer (got " + shown(node) + ")");
            return null;
        }
        if (value < min || value > max) {
            problem(path(prefix, name), WireJson.format(value) + " is outside " + range(min, max));
            return null;
        }
        return (int) value;
    }

    Boolean bool(JsonNode parent, String name) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            problem(name, "must be true or false (got " + shown(node) + ")");
            return null;
        }
        return node.booleanValue();
    }

    String text(JsonNode parent, String name, int maxLength) {
        JsonNode node = field(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            problem(name, "must be a string (got " + shown(node) + ")");
            return null;
        }
        String text = node.textValue();
        if (text.length() > maxLength) {
            problem(name, "must be at most " + maxLength + " characters (got " + text.length() + ")");
            return null;
        }
        return text;
    }

    /** The value of a JSON number, or NaN for anything else (strings are not numbers on this wire). */
    static double finite(JsonNode node) {
        if (!node.isNumber()) {
            return Double.NaN;
        }
        double value = node.doubleValue();
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** Why a node is not a usable number: wrong type, or a number too large for a double. */
    static String notANumber(JsonNode node) {
        return node.isNumber() ? "is too large to be a measurement" : "must be a number (got " + shown(node) + ")";
    }

    static String range(double min, double max) {
        return "the range " + WireJson.format(min) + (min < 0 ? ".." : "-") + WireJson.format(max);
    }

    /** A short rendering of a bad value for the reason string. */
    static String shown(JsonNode node) {
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "an array" : "an object";
        }
        return printable(node.toString(), 40);
    }

    static String quote(String text) {
        return "\"" + printable(text, 40) + "\"";
    }

    /**
     * Device text made safe for a reason string, log line or MQTT reason: at most {@code max}
     * characters, control characters shown as '?' (no forged log lines).
     */
    static String printable(String text, int max) {
        boolean cut = text.length() > max;
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return cut ? out.append('…').toString() : out.toString();
    }
}
