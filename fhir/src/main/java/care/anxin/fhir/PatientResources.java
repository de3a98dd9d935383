package care.anxin.fhir;

import java.sql.Date;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** Elder → Patient. Chinese names are written whole in HumanName.text, family name as the first character. */
public final class PatientResources {

    private PatientResources() {
    }

    public static Patient patient(PatientFacts e) {
        Patient p = new Patient();
        p.setId(Long.toString(e.elderId()));
        p.addIdentifier().setSystem(AnxinFhir.ELDER_ID).setValue(Long.toString(e.elderId()));
        p.setActive(true);
        p.addName(name(e.name()));
        if (e.gender() != null) {
            p.setGender("F".equals(e.gender()) ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        }
        if (e.birthDate() != null) {
            p.setBirthDate(Date.valueOf(e.birthDate()));
        }
        if (e.phone() != null && !e.phone().isBlank()) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(e.phone())
                    .setUse(ContactPoint.ContactPointUse.MOBILE);
        }
        if (e.address() != null && !e.address().isBlank()) {
            p.addAddress().setText(e.address()).setUse(Address.AddressUse.HOME).setCountry("CN");
        }
        if (e.organizationName() != null) {
            p.setManagingOrganization(new Reference().setDisplay(e.organizationName()));
        }
        if (e.contacts() != null) {
            for (PatientFacts.ContactFacts c : e.contacts()) {
                Patient.ContactComponent contact = p.addContact().setName(name(c.name()));
                contact.addRelationship(new CodeableConcept().setText(c.relation()));
                if (c.phone() != null) {
                    contact.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(c.phone());
                }
            }
        }
        return p;
    }

    public static Reference reference(long elderId, String display) {
        return new Reference("Patient/" + elderId).setDisplay(display);
    }

    static HumanName name(String full) {
        HumanName name = new HumanName().setText(full).setUse(HumanName.NameUse.OFFICIAL);
        if (full != null && full.codePointCount(0, full.length()) >= 2 && !full.contains(" ")) {
            int split = full.offsetByCodePoints(0, 1);
            name.setFamily(full.substring(0, split)).addGiven(full.substring(split));
        }
        return name;
    }

    static ZoneId zone() {
        return ZoneId.of("Asia/Shanghai");
    }
}
