package care.anxin.store.console;

import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What one viewer may see, applied by every console query (never ad hoc per controller).
 * Organization-based roles see everything whose organization lies below their own in the tree
 * (a prefix match on organization.path); doctors see only elders under an active doctor_contract.
 *
 * @param userId           the acting user (for API keys: the admin who created the key)
 * @param role             the viewer's role
 * @param organizationPath the viewer's organization path, e.g. {@code /1/4/9/}
 */
public record ViewerScope(long userId, Role role, String organizationPath) {

    public ViewerScope {
        Objects.requireNonNull(role, "role");
        if (organizationPath == null || !organizationPath.startsWith("/") || !organizationPath.endsWith("/")) {
            throw new IllegalArgumentException("organization path must look like /1/4/: " + organizationPath);
        }
    }

    public boolean byContract() {
        return role == Role.DOCTOR;
    }

    /**
     * SQL predicate limiting rows about elders (alerts, elders, trends) to this viewer.
     *
     * @param organizationColumn column holding the row's organization id (e.g. {@code a.organization_id})
     * @param elderColumn        column holding the row's elder id (e.g. {@code a.elder_id})
     */
    public String elderPredicate(String organizationColumn, String elderColumn, MapSqlParameterSource params) {
        if (byContract()) {
            params.addValue("scopeUserId", userId);
            return "(" + elderColumn + " IN (SELECT dc.elder_id FROM doctor_contract dc WHERE dc.doctor_user_id = :scopeUserId"
                    + " AND dc.valid_from <= CURRENT_DATE AND (dc.valid_to IS NULL OR dc.valid_to >= CURRENT_DATE)))";
        }
        return organizationPredicate(organizationColumn, params);
    }

    /** SQL predicate limiting rows owned by an organization (users, devices, organizations) to this viewer's subtree. */
    public String organizationPredicate(String organizationColumn, MapSqlParameterSource params) {
        params.addValue("scopePathPrefix", organizationPath + "%");
        return "(" + organizationColumn + " IN (SELECT so.id FROM organization so WHERE so.path LIKE :scopePathPrefix))";
    }

    /** In-memory check for organization-based roles (live events); doctors need {@link #byContract()} lookups. */
    public boolean containsOrganizationPath(String path) {
        return path != null && path.startsWith(organizationPath);
    }
}
