package care.anxin.domain.incident;

/** Incident severity, in rising order (a repeat may raise it, never lower it). */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public Severity max(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
