package care.anxin.store.vitals;

/**
 * "The newest reading of one code of one elder in a window", as a subquery for a LATERAL join.
 * <p>
 * Readings are stored one row per sample ({@code vital_sample}, a column per sign) under one
 * {@code (elder_id, time)} index, so the newest reading of a code the elder rarely or never
 * measures cannot be found by an index probe: a plain {@code ORDER BY time DESC LIMIT 1} on the
 * {@code observation} view walks every sample of the window (for a wristband sending every
 * minute, 43,000 samples per absent code over 30 days — 65 ms per elder on an SOS card). This
 * looks at the last two hours of samples, and before that finds the newest hour holding the
 * code in {@code observation_hourly} (indexed by elder, code and hour) and reads only that hour.
 * A reading older than two hours that has not been rolled up yet (plain mode: received in the
 * last rollup interval, ~30 s) is found once it is.
 */
public final class LatestReadingSql {

    private static final String RECENT = "INTERVAL '2 hours'";

    private LatestReadingSql() {
    }

    /**
     * A subquery returning at most one row {@code (value, time)}: the newest reading with
     * {@code time >= from} (a device clock ahead of ours included).
     *
     * @param elder SQL expression of the elder id (e.g. a column of the outer query)
     * @param code  SQL expression of the code
     * @param from  SQL expression of the inclusive lower bound of the reading's time
     */
    public static String newest(String elder, String code, String from) {
        return """
                SELECT r.value, r.time FROM (
                    (SELECT ob.value, ob.time FROM observation ob
                     WHERE ob.elder_id = %1$s AND ob.code = %2$s AND ob.time >= %3$s AND ob.time > now() - %4$s
                     ORDER BY ob.time DESC LIMIT 1)
                    UNION ALL
                    (SELECT ob.value, ob.time
                     FROM (SELECT h.bucket FROM observation_hourly h
                           WHERE h.elder_id = %1$s AND h.code = %2$s AND h.bucket > %3$s - INTERVAL '1 hour'
                           ORDER BY h.bucket DESC LIMIT 1) b
                     CROSS JOIN LATERAL (SELECT ob.value, ob.time FROM observation ob
                           WHERE ob.elder_id = %1$s AND ob.code = %2$s AND ob.time >= b.bucket
                             AND ob.time < b.bucket + INTERVAL '1 hour' AND ob.time >= %3$s
                           ORDER BY ob.time DESC LIMIT 1) ob)
                ) r ORDER BY r.time DESC LIMIT 1""".formatted(elder, code, from, RECENT);
    }
}
