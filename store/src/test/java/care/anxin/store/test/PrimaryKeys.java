package care.anxin.store.test;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads a table's primary key from the catalog, for tests that pin a key's column order. */
public final class PrimaryKeys {

    private PrimaryKeys() {
    }

    /** The primary key's columns of the table, in key order. */
    public static List<String> columns(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("""
                SELECT a.attname::text FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.n""", String.class, table);
    }
}
