package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.account.AccountService;
import care.anxin.monitoring.api.paging.PageParams;
import care.anxin.monitoring.api.paging.PagedResponses;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.AuditRepository;
import care.anxin.store.console.AuditRepository.AuditEntry;
import care.anxin.store.console.StorageSizes;
import care.anxin.store.console.StorageSizes.TableSize;
import care.anxin.store.maintenance.MaintenanceProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Account administration (disable, enable, reset, unlock), the audit log search and storage sizes, for admins. */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminAccountsController {

    /** Sizes of the growing tables and the retention that bounds them. */
    public record StorageView(List<TableSize> tables, Map<String, String> retention) {
    }

    private final AccountService accounts;
    private final AuditRepository audit;
    private final StorageSizes sizes;
    private final MaintenanceProperties maintenance;

    public AdminAccountsController(AccountService accounts, AuditRepository audit, StorageSizes sizes,
                                   MaintenanceProperties maintenance) {
        this.accounts = accounts;
        this.audit = audit;
        this.sizes = sizes;
        this.maintenance = maintenance;
    }

    /** Ends the user's sessions and revokes the API keys they created, at once. */
    @PostMapping("/users/{id}/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void disable(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        accounts.disable(me, id);
    }

    @PostMapping("/users/{id}/enable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void enable(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        accounts.enable(me, id);
    }

    /** A one-time temporary password (shown once) that must be changed at the next login; sessions end. */
    @PostMapping("/users/{id}/reset-password")
    public AccountService.TemporaryPassword resetPassword(@AuthenticationPrincipal AnxinPrincipal me,
                                                          @PathVariable long id) {
        return accounts.resetPassword(me, id);
    }

    /** Lifts the login lock of an account (too many failed logins). */
    @DeleteMapping("/users/{id}/login-lock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void clearLoginLock(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        accounts.clearLoginLock(me, id);
    }

    /** Newest first; rows of users in the admin's subtree. */
    @GetMapping("/audit")
    public ResponseEntity<List<AuditEntry>> audit(@AuthenticationPrincipal AnxinPrincipal me,
            @RequestParam(required = false) Long userId, @RequestParam(required = false) String username,
            @RequestParam(required = false) Long elderId, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            PageParams page) {
        return PagedResponses.of(audit.search(me.scope(),
                new AuditRepository.AuditQuery(userId, username, elderId, from, to, action), page.limit(), page.cursor()));
    }

    @GetMapping("/storage")
    public StorageView storage() {
        return new StorageView(sizes.tables(), Map.of(
                "rejected_message", maintenance.rejectedMessageRetention().toString(),
                "audit_log", maintenance.auditLogRetention().toString(),
                "message_dedup", maintenance.ingestedMessageRetention().toString()));
    }
}
