package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.trend.CarePlans;
import care.anxin.store.console.ConsoleViews.Contact;
import care.anxin.store.console.ElderWrites;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.PartnerSettings;
import care.anxin.store.console.Role;
import care.anxin.store.console.UserAccountRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Elder profiles, travel zones and doctor contracts below the admin's organization. */
@Service
public class AdminElders {

    private final ElderWrites elders;
    private final OrganizationRepository organizations;
    private final UserAccountRepository users;
    private final PartnerSettings partners;
    private final CarePlans carePlans;
    private final AuditTrail audit;

    public AdminElders(ElderWrites elders, OrganizationRepository organizations, UserAccountRepository users,
                       PartnerSettings partners, CarePlans carePlans, AuditTrail audit) {
        this.elders = elders;
        this.organizations = organizations;
        this.users = users;
        this.partners = partners;
        this.carePlans = carePlans;
        this.audit = audit;
    }

    @Transactional
    public long create(AnxinPrincipal me, AdminRequests.ElderBody body) {
        requireOrganization(me, body.organizationId());
        long id = elders.create(profile(body));
        audit.record(me, "ELDER_CREATE", "elder", id, summary(body));
        return id;
    }

    @Transactional
    public void update(AnxinPrincipal me, long id, AdminRequests.ElderBody body) {
        requireElder(me, id);
        requireOrganization(me, body.organizationId());
        elders.update(id, profile(body));
        audit.record(me, "ELDER_UPDATE", "elder", id, summary(body));
    }

    @Transactional
    public void setTravel(AnxinPrincipal me, long id, AdminRequests.Travel body) {
        requireElder(me, id);
        elders.setTravel(id, body.lat(), body.lon(), body.radiusM(), body.city(), body.until());
        audit.record(me, "ELDER_TRAVEL_SET", "elder", id, Map.of("city", body.city(), "until", body.until().toString()));
    }

    @Transactional
    public void clearTravel(AnxinPrincipal me, long id) {
        requireElder(me, id);
        elders.clearTravel(id);
        audit.record(me, "ELDER_TRAVEL_CLEAR", "elder", id, Map.of());
    }

    /** The doctor may belong to another branch (a medical partner); it must be a DOCTOR. */
    @Transactional
    public long createContract(AnxinPrincipal me, AdminRequests.DoctorContract body) {
        requireElder(me, body.elderId());
        var doctor = users.findById(body.doctorUserId())
                .orElseThrow(() -> new NotFoundException("User", body.doctorUserId()));
        if (doctor.role() != Role.DOCTOR) {
            throw new BadRequestException("doctorUserId", "User " + body.doctorUserId() + " is not a DOCTOR");
        }
        if (body.validTo() != null && body.validFrom() != null && body.validTo().isBefore(body.validFrom())) {
            throw new BadRequestException("validTo", "validTo is before validFrom");
        }
        long id = partners.createContract(body.elderId(), body.doctorUserId(), body.validFrom(), body.validTo());
        audit.record(me, "DOCTOR_CONTRACT_CREATE", "doctor_contract", id,
                Map.of("elderId", body.elderId(), "doctorUserId", body.doctorUserId()));
        return id;
    }

    void requireElder(AnxinPrincipal me, long elderId) {
        if (!elders.visible(me.scope(), elderId)) {
            throw new NotFoundException("Elder", elderId);
        }
    }

    private void requireOrganization(AnxinPrincipal me, long organizationId) {
        organizations.findVisible(me.scope(), organizationId)
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
    }

    private ElderWrites.ElderProfile profile(AdminRequests.ElderBody b) {
        List<Contact> contacts = b.contacts() == null ? List.of()
                : b.contacts().stream().map(c -> new Contact(c.name(), c.relation(), c.phone())).toList();
        return new ElderWrites.ElderProfile(b.organizationId(), b.name(), b.gender(), b.birthDate(), b.phone(),
                b.address(), b.conditions(), b.home() == null ? null : b.home().lat(),
                b.home() == null ? null : b.home().lon(), b.home() == null ? null : b.home().radiusM(),
                carePlans.normalise(b.carePlan()), contacts);
    }

    private static Map<String, Object> summary(AdminRequests.ElderBody b) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", b.name());
        detail.put("organizationId", b.organizationId());
        detail.put("carePlan", b.carePlan() != null);
        return detail;
    }
}
