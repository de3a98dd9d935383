package care.anxin.store.page;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Keyset pagination over a list of ascending sort expressions (the last one unique, usually an id).
 * The cursor is the sort key of the last row shown, opaque to clients (base64url); the next page
 * starts strictly after it with a row comparison, which an index on the same columns serves.
 */
public final class Keyset {

    /** A sort expression and the SQL type its cursor value is cast back to. */
    public record Key(String expression, String sqlType) {
    }

    private static final char SEPARATOR = '\u001f';

    private final List<Key> keys;

    public Keyset(Key... keys) {
        this.keys = List.of(keys);
    }

    public static Key key(String expression, String sqlType) {
        return new Key(expression, sqlType);
    }

    /** {@code , expr AS keyset_0, ...}: append to the SELECT list. */
    public String selectColumns() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ").append(keys.get(i).expression()).append(" AS keyset_").append(i);
        }
        return sql.toString();
    }

    /** {@code AND (k0, k1) > (:c0, :c1)} for a cursor, empty without one. */
    public String after(String cursor, MapSqlParameterSource params) {
        if (cursor == null || cursor.isBlank()) {
            return "";
        }
        List<String> values = decode(cursor);
        StringBuilder left = new StringBuilder(" AND (");
        StringBuilder right = new StringBuilder(") > (");
        for (int i = 0; i < keys.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            left.append(sep).append(keys.get(i).expression());
            right.append(sep).append("CAST(:keyset_").append(i).append(" AS ").append(keys.get(i).sqlType()).append(')');
            String type = keys.get(i).sqlType();
            if (!type.equals("text") && !values.get(i).matches("-?[0-9.eE+-]{1,40}")) {
                throw new InvalidCursorException();
            }
            params.addValue("keyset_" + i, values.get(i));
        }
        return left.append(right).append(')').toString();
    }

    /** {@code ORDER BY k0, k1 LIMIT :keysetLimit} fetching one row more than the page holds. */
    public String orderAndLimit(int limit, MapSqlParameterSource params) {
        params.addValue("keysetLimit", limit + 1);
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(keys.get(i).expression());
        }
        return sql.append(" LIMIT :keysetLimit").toString();
    }

    /** Maps a row to its item and the cursor continuing after it. */
    public <T> RowMapper<Page.Keyed<T>> mapper(RowMapper<T> item) {
        return (rs, i) -> new Page.Keyed<>(item.mapRow(rs, i), cursorOf(rs));
    }

    private String cursorOf(ResultSet rs) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            String value = rs.getString("keyset_" + i);
            text.append(value == null ? "" : value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private List<String> decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        List<String> values = new ArrayList<>(Arrays.asList(text.split(String.valueOf(SEPARATOR), -1)));
        if (values.size() != keys.size()) {
            throw new InvalidCursorException();
        }
        return values;
    }

    /** A cursor that this list did not produce (answered 400). */
    public static class InvalidCursorException extends IllegalArgumentException {
        public InvalidCursorException() {
            super("invalid cursor");
        }
    }
}
