package care.anxin.alert.escalation;

import care.anxin.alert.escalation.EscalationPolicy.Target;
import care.anxin.store.alerting.Contact;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.Endpoint;
import care.anxin.store.alerting.FamilyAccount;
import care.anxin.store.alerting.OrganizationRef;
import care.anxin.store.clinical.DoctorChannels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a policy target into recipients by climbing the organization tree. An organization
 * without enabled endpoints hands over to the nearest ancestor that has some, so a step always
 * reaches someone when anyone up the tree is reachable. Unreachable targets are reported as notes.
 */
public class TargetResolver {

    private final DirectoryRepository directory;
    private final boolean smsGatewayConfigured;
    private final DoctorChannels doctors;

    public TargetResolver(DirectoryRepository directory, boolean smsGatewayConfigured) {
        this(directory, smsGatewayConfigured, null);
    }

    public TargetResolver(DirectoryRepository directory, boolean smsGatewayConfigured, DoctorChannels doctors) {
        this.directory = directory;
        this.smsGatewayConfigured = smsGatewayConfigured;
        this.doctors = doctors;
    }

    /** Recipients plus human-readable notes about targets that could not be reached. */
    public record Resolution(List<Recipient> recipients, List<String> notes) {
    }

    public Resolution resolve(Target target, long elderId, long organizationId) {
        List<Recipient> recipients = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        switch (target.type()) {
            case "ORGANIZATION" -> organization(target, organizationId, recipients, notes);
            case "CONTACTS" -> contacts(elderId, recipients, notes);
            case "PARTNER" -> partner(target, organizationId, recipients, notes);
            case "DOCTORS" -> doctors(elderId, recipients, notes);
            default -> notes.add("unknown target type " + target.type());
        }
        return new Resolution(recipients, notes);
    }

    private void organization(Target target, long organizationId, List<Recipient> out, List<String> notes) {
        List<OrganizationRef> chain = directory.chain(organizationId);
        if (target.organizationId() != null) {
            addEndpoints(target.organizationId(), out, notes);
            return;
        }
        int start = Math.min(target.up() == null ? 0 : target.up(), chain.size() - 1);
        if (target.organizationKind() != null) {
            start = chain.size() - 1;
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i).kind().equals(target.organizationKind())) {
                    start = i;
                    break;
                }
            }
        }
        for (int i = start; i < chain.size(); i++) {
            if (addEndpoints(chain.get(i).id(), out, notes)) {
                if (i != start) {
                    notes.add("no endpoint at " + chain.get(start).name() + ", notified " + chain.get(i).name());
                }
                return;
            }
        }
        notes.add("no reachable endpoint at " + chain.get(start).name() + " or above");
    }

    private void partner(Target target, long organizationId, List<Recipient> out, List<String> notes) {
        if (target.organizationId() != null) {
            addEndpoints(target.organizationId(), out, notes);
            return;
        }
        for (OrganizationRef org : directory.chain(organizationId)) {
            boolean found = false;
            for (long partnerId : directory.partnersBelow(org.id())) {
                found |= addEndpoints(partnerId, out, notes);
            }
            if (found) {
                return;
            }
        }
        notes.add("no medical partner with an endpoint up the tree");
    }

    /** Adds the organization's endpoints; true when at least one is usable. */
    private boolean addEndpoints(long organizationId, List<Recipient> out, List<String> notes) {
        boolean any = false;
        for (Endpoint e : directory.endpoints(organizationId)) {
            switch (e.channel()) {
                case "WEBHOOK" -> {
                    if (e.url() != null) {
                        out.add(new Recipient("WEBHOOK", e.id(), e.url(), "endpoint:" + e.id(), e.name()));
                        any = true;
                    }
                }
                case "SMS" -> {
                    if (e.phone() != null && (e.url() != null || smsGatewayConfigured)) {
                        out.add(new Recipient("SMS", e.id(), e.phone(), "endpoint:" + e.id(), e.name()));
                        any = true;
                    } else {
                        notes.add("SMS endpoint " + e.name() + " has no phone or no gateway");
                    }
                }
                case "FHIR" -> {
                    if (e.url() != null) {
                        out.add(new Recipient("FHIR", e.id(), e.url(), "endpoint:" + e.id(), e.name()));
                        any = true;
                    }
                }
                default -> notes.add(e.channel() + " endpoint " + e.name() + " skipped: no " + e.channel() + " provider configured");
            }
        }
        return any;
    }

    /** Contracted doctors who chose an SMS number or a webhook for early warnings (optional, so no note when none did). */
    private void doctors(long elderId, List<Recipient> out, List<String> notes) {
        if (doctors == null) {
            return;
        }
        for (DoctorChannels.ContractedDoctor d : doctors.forElder(elderId)) {
            if (d.channel().equals("SMS") && !smsGatewayConfigured) {
                notes.add("doctor " + d.name() + " not reachable by SMS: no SMS gateway configured");
                continue;
            }
            out.add(new Recipient(d.channel(), null, d.address(), "doctor:" + d.doctorUserId() + ":" + d.channel().toLowerCase(),
                    d.name() + " (doctor)"));
        }
    }

    /**
     * The elder's emergency contacts, plus family members with an account (family_link) who are not
     * already among them by phone: with an account they follow the incident on the family page too.
     */
    private void contacts(long elderId, List<Recipient> out, List<String> notes) {
        List<Contact> contacts = directory.contacts(elderId);
        Set<String> phones = new HashSet<>();
        contacts.forEach(c -> phones.add(c.phone()));
        for (FamilyAccount f : directory.familyAccounts(elderId)) {
            String label = f.name() + (f.relation() != null ? " (" + f.relation() + ")" : "");
            if (f.phone() == null || phones.contains(f.phone())) {
                continue;
            }
            if (smsGatewayConfigured) {
                out.add(new Recipient("SMS", null, f.phone(), "family:" + f.userId() + ":sms", label));
            } else {
                notes.add("family member " + label + " not reachable: no SMS gateway configured");
            }
        }
        for (Contact c : contacts) {
            String label = c.name() + " (" + c.relation() + ")";
            boolean reached = false;
            if (smsGatewayConfigured && c.phone() != null) {
                out.add(new Recipient("SMS", null, c.phone(), "contact:" + c.id() + ":sms", label));
                reached = true;
            }
            if (c.webhookUrl() != null) {
                out.add(new Recipient("WEBHOOK", null, c.webhookUrl(), "contact:" + c.id() + ":webhook", label));
                reached = true;
            }
            if (!reached) {
                notes.add("contact " + label + " not reachable: no SMS gateway configured and no webhook");
            }
        }
    }
}
