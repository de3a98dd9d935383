package care.anxin.fhir;

import java.time.LocalDate;
import java.util.List;

/**
 * What a Patient resource says about an elder. The read API has the full profile; the push
 * channel only the incident snapshot (gender and birth date may then be null).
 */
public record PatientFacts(long elderId, String name, String gender, LocalDate birthDate, String phone, String address,
                           String organizationName, List<ContactFacts> contacts) {

    public record ContactFacts(String name, String relation, String phone) {
    }
}
