package care.anxin.gateway.ingest;

/** What became of one uplink message once its transaction committed. */
public record IngestOutcome(Status status, String reason) {

    public enum Status {
        STORED, DUPLICATE, REJECTED;

        private final String tag = name().toLowerCase(java.util.Locale.ROOT);

        /** The metric tag ("stored", ...), made once rather than per message. */
        public String tag() {
            return tag;
        }
    }

    public static final IngestOutcome STORED = new IngestOutcome(Status.STORED, null);
    public static final IngestOutcome DUPLICATE = new IngestOutcome(Status.DUPLICATE, null);

    public static IngestOutcome rejected(String reason) {
        return new IngestOutcome(Status.REJECTED, reason);
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }
}
