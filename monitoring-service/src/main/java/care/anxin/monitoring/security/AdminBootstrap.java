package care.anxin.monitoring.security;

import care.anxin.monitoring.account.AccountService;
import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.AuditRepository;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.Role;
import care.anxin.store.console.UserAccountRepository;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database: an operator organization at the root and the user {@code admin} so the tree
 * can be built. Its password is ANXIN_ADMIN_PASSWORD when set; otherwise a random one, printed once
 * on standard output (never logged again, never stored in plain text) and temporary: it must be
 * changed at the first login. There is no default password.
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccountRepository users;
    private final OrganizationRepository organizations;
    private final AuditRepository audit;
    private final PasswordEncoder encoder;
    private final MonitoringProperties properties;
    private final TransactionTemplate tx;
    private final AccountService accounts;
    private final PrintStream console;

    public AdminBootstrap(UserAccountRepository users, OrganizationRepository organizations, AuditRepository audit,
                          PasswordEncoder encoder, MonitoringProperties properties, TransactionTemplate tx,
                          AccountService accounts) {
        this.users = users;
        this.organizations = organizations;
        this.audit = audit;
        this.encoder = encoder;
        this.properties = properties;
        this.tx = tx;
        this.accounts = accounts;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String configured = properties.adminPassword();
        boolean random = configured == null || configured.isBlank();
        String password = random ? accounts.temporaryPassword() : configured;
        try {
            tx.executeWithoutResult(status -> {
                long org = organizations.ensureRoot("OPERATOR", "operator", "安心运营中心", "Anxin operator");
                long id = users.create(org, "admin", "系统管理员", encoder.encode(password), Role.ADMIN, null, "zh-CN",
                        random);
                audit.record(null, "system", "BOOTSTRAP_ADMIN", "app_user", Long.toString(id),
                        random ? "{\"password\":\"random\"}" : "{\"password\":\"ANXIN_ADMIN_PASSWORD\"}");
            });
        } catch (DuplicateKeyException e) {
            log.info("Another instance created the admin user first");
            return;
        }
        if (random) {
            log.warn("Empty database: created organization 'operator' and user 'admin' with a random temporary"
                    + " password, printed once on standard output; it must be changed at the first login");
            console.println();
            console.println("  ==============================================================");
            console.println("  Anxin bootstrap admin:  user admin   password " + password);
            console.println("  (shown once; change it at the first login, or set ANXIN_ADMIN_PASSWORD)");
            console.println("  ==============================================================");
            console.println();
            console.flush();
        } else {
            log.info("Empty database: created organization 'operator' and user 'admin' (password from ANXIN_ADMIN_PASSWORD)");
        }
    }
}
