package care.anxin.monitoring.live;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.SessionValidity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/alerts/stream: server-sent events {@code alert} (an AlertView) and {@code resync}
 * (reload the list), resumable with the Last-Event-ID header (or ?lastEventId= for clients that
 * cannot set headers); heartbeat comments keep proxies from closing it. The response is written by
 * {@link AlertStreamHub} with non-blocking Servlet output, never by a request thread.
 */
@RestController
public class AlertStreamController {

    private final AlertStreamHub hub;
    private final SessionValidity sessions;

    public AlertStreamController(AlertStreamHub hub, SessionValidity sessions) {
        this.hub = hub;
        this.sessions = sessions;
    }

    /** Text/event-stream on success (written by the hub, asynchronously); problem+json 429 past the per-user cap. */
    @GetMapping(path = "/api/v1/alerts/stream")
    public void stream(@AuthenticationPrincipal AnxinPrincipal me,
                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                       @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        String raw = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam;
        hub.open(me.scope(), parse(raw), () -> sessions.stillValid(me), request, response);
    }

    /** A garbled id is treated as unknown (the client is told to resync), not as an error. */
    private static Long parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
