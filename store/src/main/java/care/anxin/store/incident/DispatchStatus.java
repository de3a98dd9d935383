package care.anxin.store.incident;

/** How far the person sent to the door got; only forward moves are allowed. */
public enum DispatchStatus {
    DISPATCHED, EN_ROUTE, ARRIVED, DONE, CANCELLED;

    public boolean finished() {
        return this == DONE || this == CANCELLED;
    }
}
