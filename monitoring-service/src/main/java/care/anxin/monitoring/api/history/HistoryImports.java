package care.anxin.monitoring.api.history;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.UserAccount;
import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.incident.IncidentHistory;
import care.anxin.store.incident.IncidentHistory.Marker;
import care.anxin.store.incident.IncidentHistory.PastIncident;
import care.anxin.store.incident.IncidentHistory.PastNotification;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Imports of past incidents, once per database and key (the demo's week of handled incidents).
 * Checks the caller's scope and resolves usernames; the store writes everything in one transaction.
 */
@Service
public class HistoryImports {

    /** The marker, and whether this call wrote the import (false: it was there already). */
    public record Result(Marker marker, boolean written) {
    }

    private final IncidentHistory history;
    private final OrganizationRepository organizations;
    private final UserAccountRepository users;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public HistoryImports(IncidentHistory history, OrganizationRepository organizations, UserAccountRepository users,
                          AuditTrail audit) {
        this.history = history;
        this.organizations = organizations;
        this.users = users;
        this.audit = audit;
    }

    public Marker find(AnxinPrincipal me, String key) {
        return visible(me, key).orElseThrow(() -> new NotFoundException("History import", key));
    }

    public Result importOnce(AnxinPrincipal me, String key, HistoryImportRequests.Import body) {
        organizations.findVisible(me.scope(), body.organizationId())
                .orElseThrow(() -> new NotFoundException("Organization", body.organizationId()));
        Optional<Marker> existing = visible(me, key);
        if (existing.isPresent()) {
            return new Result(existing.get(), false);
        }
        List<PastIncident> past = toPast(body.incidents());
        try {
            Optional<Marker> written = history.importOnce(key, body.organizationId(), me.apiKeyId() == null ? me.userId() : null,
                    past, clock.instant());
            if (written.isEmpty()) { // a concurrent import of the same key won
                return new Result(find(me, key), false);
            }
            audit.record(me, "HISTORY_IMPORT", "history_import", key,
                    Map.of("organizationId", body.organizationId(), "incidents", past.size()));
            return new Result(written.get(), true);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("incidents", e.getMessage());
        }
    }

    public Marker complete(AnxinPrincipal me, String key) {
        find(me, key);
        return history.complete(key, clock.instant()).orElseThrow(() -> new NotFoundException("History import", key));
    }

    /** Another organization's import is as good as absent to this caller. */
    private Optional<Marker> visible(AnxinPrincipal me, String key) {
        return history.find(key).filter(m -> organizations.findVisible(me.scope(), m.organizationId()).isPresent());
    }

    private List<PastIncident> toPast(List<HistoryImportRequests.Incident> incidents) {
        Map<String, Long> userIds = new HashMap<>();
        try {
            return incidents.stream().map(i -> new PastIncident(i.elderId(), i.deviceId(), i.kind(), i.severity(), i.title(),
                    i.openedAt(), i.escalatedAt(), i.acknowledgedAt(), userId(userIds, i.acknowledgedBy()), i.resolvedAt(),
                    userId(userIds, i.resolvedBy()), i.outcome(), i.note(), i.cancelledByElder(), i.lat(), i.lon(),
                    i.notifications() == null ? List.of() : i.notifications().stream()
                            .map(n -> new PastNotification(n.endpointId(), n.firstAttemptAt(), n.attempts(), n.delivered(), n.error()))
                            .toList())).toList();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("incidents", e.getMessage());
        }
    }

    private Long userId(Map<String, Long> cache, String username) {
        if (username == null) {
            return null;
        }
        return cache.computeIfAbsent(username, u -> users.findByUsername(u).map(UserAccount::id)
                .orElseThrow(() -> new IllegalArgumentException("no user " + u)));
    }
}
