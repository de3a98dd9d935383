package care.anxin.monitoring.security;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.AuditRepository;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.Role;
import care.anxin.store.console.UserAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database: an operator organization at the root and the user {@code admin}
 * (password from ANXIN_ADMIN_PASSWORD, default {@code anxin-admin}) so the tree can be built.
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

    public AdminBootstrap(UserAccountRepository users, OrganizationRepository organizations, AuditRepository audit,
                          PasswordEncoder encoder, MonitoringProperties properties, TransactionTemplate tx) {
        this.users = users;
        this.organizations = organizations;
        this.audit = audit;
        this.encoder = encoder;
        this.properties = properties;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        try {
            tx.executeWithoutResult(status -> {
                long org = organizations.ensureRoot("OPERATOR", "operator", "安心运营中心", "Anxin operator");
                long id = users.create(org, "admin", "系统管理员", encoder.encode(properties.adminPassword()),
                        Role.ADMIN, null, "zh-CN");
                audit.record(null, "system", "BOOTSTRAP_ADMIN", "app_user", Long.toString(id), "{}");
            });
            log.info("Empty database: created organization 'operator' and user 'admin' (password from ANXIN_ADMIN_PASSWORD)");
        } catch (DuplicateKeyException e) {
            log.info("Another instance created the admin user first");
        }
    }
}
