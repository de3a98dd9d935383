package care.anxin.monitoring.api.paging;

/**
 * {@code ?limit=&cursor=} of a list endpoint: resolved (and limit checked against
 * anxin.monitoring.pages.max-limit) by {@link PageParamsResolver}.
 */
public record PageParams(int limit, String cursor) {
}
