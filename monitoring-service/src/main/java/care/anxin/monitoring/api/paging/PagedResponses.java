package care.anxin.monitoring.api.paging;

import care.anxin.store.page.Page;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page as the body stays a plain JSON array (clients that read one page keep working); the next
 * page is announced in {@code Link: <...&cursor=...>; rel="next"} and {@code X-Next-Cursor}.
 */
public final class PagedResponses {

    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private PagedResponses() {
    }

    public static <T> ResponseEntity<List<T>> of(Page<T> page) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            // Relative (path and query): correct behind any proxy.
            var uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("cursor", page.nextCursor())
                    .encode().build();
            String next = uri.getPath() + "?" + uri.getQuery();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").header(NEXT_CURSOR, page.nextCursor());
        }
        return response.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Link, " + NEXT_CURSOR).body(page.items());
    }
}
