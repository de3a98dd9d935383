package care.anxin.monitoring.api;

import care.anxin.monitoring.api.paging.PageParams;
import care.anxin.monitoring.api.paging.PagedResponses;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.AlertQueries.StatusFilter;
import care.anxin.store.console.ConsoleViews.AlertDetail;
import care.anxin.store.console.ConsoleViews.AlertView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents of the viewer's scope and the actions people take on them. */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    private final AlertQueries alerts;
    private final IncidentActions actions;

    public AlertController(AlertQueries alerts, IncidentActions actions) {
        this.alerts = alerts;
        this.actions = actions;
    }

    /** Paginated: limit (default 200) and cursor; the next page is in the Link header (docs/api.md). */
    @GetMapping
    public ResponseEntity<List<AlertView>> list(@AuthenticationPrincipal AnxinPrincipal me,
            @RequestParam(defaultValue = "open") @Pattern(regexp = "open|closed|all") String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            PageParams page) {
        return PagedResponses.of(alerts.list(me.scope(), StatusFilter.valueOf(status.toUpperCase(Locale.ROOT)), since,
                page.limit(), page.cursor()));
    }

    @GetMapping("/{id}")
    public AlertDetail get(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        AlertView view = alerts.find(me.scope(), id).orElseThrow(() -> new NotFoundException("Alert", id)).view();
        return AlertDetail.of(view, alerts.detail(id), alerts.timeline(id));
    }

    @PostMapping("/{id}/acknowledge")
    public AlertView acknowledge(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                 @Valid @RequestBody(required = false) AlertRequests.Acknowledge body) {
        return actions.acknowledge(me, id, body == null ? null : body.note());
    }

    @PostMapping("/{id}/assign")
    public AlertView assign(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                            @Valid @RequestBody AlertRequests.Assign body) {
        return actions.assign(me, id, body.userId());
    }

    @PostMapping("/{id}/notes")
    public AlertView note(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                          @Valid @RequestBody AlertRequests.Note body) {
        return actions.addNote(me, id, body.text());
    }

    @PostMapping("/{id}/resolve")
    public AlertView resolve(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                             @Valid @RequestBody AlertRequests.Resolve body) {
        return actions.resolve(me, id, body.outcome(), body.note());
    }
}
