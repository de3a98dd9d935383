package care.anxin.store.schema;

/** How time series are stored: TimescaleDB hypertables and continuous aggregates, or plain PostgreSQL partitions and rollup tables. */
public enum DatabaseMode {
    TIMESCALE("timescale"),
    PLAIN("plain");

    private final String migrationFolder;

    DatabaseMode(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** Flyway location of the migrations that differ per mode. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }
}
