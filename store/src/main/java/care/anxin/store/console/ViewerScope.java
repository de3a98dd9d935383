package care.anxin.store.console;

import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What one viewer may see, applied by every console query (never ad hoc per controller).
 * Organization-based roles see everything whose organization lies below their own in the tree
 * (a prefix match on organization.path); doctors see only elders under an active doctor_contract;
 * family members only the elders they are linked to (family_link); responders only the incidents
 * dispatched to them (alert_dispatch) and those incidents' elders. Family members and responders
 * see no users, devices or organizations.
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

    /** True when visibility is per elder (doctor, family, responder) rather than by the organization tree. */
    public boolean byContract() {
        return role == Role.DOCTOR || role == Role.FAMILY || role == Role.RESPONDER;
    }

    /**
     * SQL predicate limiting rows about elders (alerts, elders, trends) to this viewer.
     *
     * @param organizationColumn column holding the row's organization id (e.g. {@code a.organization_id})
     * @param elderColumn        column holding the row's elder id (e.g. {@code a.elder_id})
     */
    public String elderPredicate(String organizationColumn, String elderColumn, MapSqlParameterSource params) {
        if (role == Role.FAMILY) {
            params.addValue("scopeUserId", userId);
            return "(" + elderColumn + " IN (SELECT fl.elder_id FROM family_link fl WHERE fl.user_id = :scopeUserId))";
        }
        if (role == Role.RESPONDER) {
            params.addValue("scopeUserId", userId);
            return "(" + elderColumn + " IN (SELECT da.elder_id FROM alert_dispatch d JOIN alert da ON da.id = d.alert_id"
                    + " WHERE d.responder_user_id = :scopeUserId))";
        }
        if (byContract()) {
            params.addValue("scopeUserId", userId);
            return "(" + elderColumn + " IN (SELECT dc.elder_id FROM doctor_contract dc WHERE dc.doctor_user_id = :scopeUserId"
                    + " AND dc.valid_from <= CURRENT_DATE AND (dc.valid_to IS NULL OR dc.valid_to >= CURRENT_DATE)))";
        }
        return organizationPredicate(organizationColumn, params);
    }

    /**
     * SQL predicate limiting incidents to this viewer: {@link #elderPredicate} and, for a responder,
     * only the incidents dispatched to them (not every incident of those elders).
     */
    public String alertPredicate(String alertColumn, String organizationColumn, String elderColumn,
                                 MapSqlParameterSource params) {
        String elders = elderPredicate(organizationColumn, elderColumn, params);
        if (role != Role.RESPONDER) {
            return elders;
        }
        return "(" + elders + " AND " + alertColumn
                + " IN (SELECT dd.alert_id FROM alert_dispatch dd WHERE dd.responder_user_id = :scopeUserId))";
    }

    /** SQL predicate limiting rows owned by an organization (users, devices, organizations) to this viewer's subtree. */
    public String organizationPredicate(String organizationColumn, MapSqlParameterSource params) {
        if (role == Role.FAMILY || role == Role.RESPONDER) {
            return "FALSE";
        }
        params.addValue("scopePathPrefix", organizationPath + "%");
        return "(" + organizationColumn + " IN (SELECT so.id FROM organization so WHERE so.path LIKE :scopePathPrefix))";
    }

    /** In-memory check for organization-based roles (live events); doctors need {@link #byContract()} lookups. */
    public boolean containsOrganizationPath(String path) {
        return path != null && path.startsWith(organizationPath);
    }
}
