package care.anxin.monitoring.api;

import care.anxin.domain.device.DeviceKind;
import care.anxin.domain.vital.VitalSign;
import care.anxin.monitoring.helpcenter.HelpCenterProperties;
import care.anxin.store.console.Role;
import care.anxin.store.incident.CallKind;
import care.anxin.store.incident.IncidentOutcome;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's vocabulary for the console (js/catalogue.js): vital signs, roles, device kinds,
 * organization kinds, phone-call kinds and incident outcomes, from the domain's enums, so no page
 * keeps its own copy. Public: it is vocabulary, not data (the login and responder pages use it too).
 */
@RestController
public class CatalogueController {

    public record Vital(String code, String loinc, String unit, String nameZh, String nameEn,
                        double plausibleMin, double plausibleMax, boolean thresholded) {
    }

    public record RoleEntry(String code, boolean staff, boolean assignable) {
    }

    public record Catalogue(List<Vital> vitals, List<RoleEntry> roles, List<String> deviceKinds,
                            List<String> organizationKinds, List<String> callKinds, List<String> serviceKinds,
                            List<String> outcomes) {
    }

    /** Mirrors the organization.kind CHECK constraint. */
    private static final List<String> ORGANIZATION_KINDS =
            List.of("CITY", "DISTRICT", "STREET", "COMMUNITY_CENTER", "MEDICAL_PARTNER", "OPERATOR");

    private final Catalogue catalogue;

    public CatalogueController(HelpCenterProperties properties) {
        this.catalogue = new Catalogue(
                Arrays.stream(VitalSign.values()).map(v -> new Vital(v.code(), v.loinc(), v.ucum(), v.nameZh(), v.nameEn(),
                        v.plausibleMin(), v.plausibleMax(), v.thresholded())).toList(),
                Arrays.stream(Role.values()).map(r -> new RoleEntry(r.name(), r.staff(), r.assignable())).toList(),
                Arrays.stream(DeviceKind.values()).map(Enum::name).toList(),
                ORGANIZATION_KINDS,
                Arrays.stream(CallKind.values()).map(Enum::name).toList(),
                properties.serviceKinds(),
                Arrays.stream(IncidentOutcome.values()).map(Enum::name).toList());
    }

    @GetMapping("/api/v1/catalogue")
    public ResponseEntity<Catalogue> catalogue() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(catalogue);
    }
}
