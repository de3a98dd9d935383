package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.account.PasswordPolicy;
import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.SecretTokens;
import care.anxin.store.console.ApiKeyRepository;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.UserAccountRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations, users and API keys below the admin's organization. */
@Service
public class AdminDirectory {

    private final OrganizationRepository organizations;
    private final UserAccountRepository users;
    private final ApiKeyRepository apiKeys;
    private final PasswordEncoder passwords;
    private final SecretTokens tokens;
    private final AuditTrail audit;
    private final PasswordPolicy passwordPolicy;
    private final MonitoringProperties.ApiKeys keySettings;

    public AdminDirectory(OrganizationRepository organizations, UserAccountRepository users, ApiKeyRepository apiKeys,
                          PasswordEncoder passwords, SecretTokens tokens, AuditTrail audit,
                          PasswordPolicy passwordPolicy, MonitoringProperties properties) {
        this.passwordPolicy = passwordPolicy;
        this.keySettings = properties.apiKeys();
        this.organizations = organizations;
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public long createOrganization(AnxinPrincipal me, AdminRequests.NewOrganization body) {
        long parentId = body.parentId() == null ? me.organization().id() : body.parentId();
        requireOrganization(me, parentId);
        long id = organizations.create(new OrganizationRepository.NewOrganization(parentId, body.kind(), body.code(),
                body.name(), body.nameEn(), body.phone(), body.address()));
        audit.record(me, "ORGANIZATION_CREATE", "organization", id,
                Map.of("parentId", parentId, "kind", body.kind(), "code", body.code(), "name", body.name()));
        return id;
    }

    @Transactional
    public long createUser(AnxinPrincipal me, AdminRequests.NewUser body) {
        requireOrganization(me, body.organizationId());
        passwordPolicy.refusal(body.username(), body.password()).ifPresent(reason -> {
            throw new BadRequestException("password", reason);
        });
        long id = users.create(body.organizationId(), body.username(), body.displayName(),
                passwords.encode(body.password()), body.role(), body.phone(), body.locale());
        audit.record(me, "USER_CREATE", "app_user", id, Map.of("username", body.username(),
                "role", body.role().name(), "organizationId", body.organizationId()));
        return id;
    }

    @Transactional
    public AdminRequests.CreatedKey createApiKey(AnxinPrincipal me, AdminRequests.NewApiKey body) {
        requireOrganization(me, body.organizationId());
        Duration lifetime = body.expiresInDays() == null ? keySettings.defaultLifetime()
                : Duration.ofDays(body.expiresInDays());
        if (lifetime.compareTo(keySettings.maxLifetime()) > 0) {
            throw new BadRequestException("expiresInDays",
                    "expiresInDays must be at most " + keySettings.maxLifetime().toDays());
        }
        Instant expiresAt = Instant.now().plus(lifetime);
        String key = tokens.apiKey();
        long id = apiKeys.create(body.name(), SecretTokens.sha256(key), key.substring(0, 8), body.role(),
                body.organizationId(), me.userId(), expiresAt);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", body.name());
        detail.put("role", body.role().name());
        detail.put("organizationId", body.organizationId());
        detail.put("expiresAt", expiresAt.toString());
        audit.record(me, "API_KEY_CREATE", "api_key", id, detail);
        return new AdminRequests.CreatedKey(id, key, expiresAt);
    }

    @Transactional
    public void revokeApiKey(AnxinPrincipal me, long id) {
        if (!apiKeys.revoke(me.scope(), id)) {
            throw new NotFoundException("API key", id);
        }
        audit.record(me, "API_KEY_REVOKE", "api_key", id, Map.of());
    }

    void requireOrganization(AnxinPrincipal me, long organizationId) {
        organizations.findVisible(me.scope(), organizationId)
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
    }
}
