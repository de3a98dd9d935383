package care.anxin.alert.consume;

/** Thrown by a rule that must see an older event first; the event stays queued for the next round. */
public class DeferredEvent extends RuntimeException {
    public DeferredEvent(String reason) {
        super(reason, null, false, false);
    }
}
