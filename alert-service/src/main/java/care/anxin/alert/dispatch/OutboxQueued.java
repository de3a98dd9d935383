package care.anxin.alert.dispatch;

/** Published when notifications were queued; the dispatcher wakes after the commit. */
public record OutboxQueued(int count) {
}
