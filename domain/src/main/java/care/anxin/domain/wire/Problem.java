package care.anxin.domain.wire;

/** One reason a payload was rejected: the field path (e.g. {@code readings[0].value}) and the broken rule. */
public record Problem(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
