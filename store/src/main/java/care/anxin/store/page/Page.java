package care.anxin.store.page;

import java.util.List;

/**
 * One page of a list: at most {@code limit} items and the cursor of the next page (null on the last).
 * Lists are walked with keyset cursors ({@link Keyset}), so a row is never returned twice or skipped
 * because rows were added before it while the client was paging.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** An item together with the cursor that continues after it. */
    public record Keyed<T>(T item, String cursor) {
    }

    /** From {@code limit + 1} fetched rows: the first {@code limit}, and a cursor when there was one more. */
    public static <T> Page<T> of(List<Keyed<T>> fetched, int limit) {
        boolean more = fetched.size() > limit;
        List<Keyed<T>> shown = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(shown.stream().map(Keyed::item).toList(), more ? shown.get(shown.size() - 1).cursor() : null);
    }
}
