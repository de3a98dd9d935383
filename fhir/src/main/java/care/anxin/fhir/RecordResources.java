package care.anxin.fhir;

import care.anxin.store.clinical.ClinicalQueries.CareTeamMember;
import care.anxin.store.clinical.HealthRecord;
import java.sql.Date;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** The health record and the doctor contract → Condition, MedicationStatement, CareTeam. */
public final class RecordResources {

    private static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

    private RecordResources() {
    }

    public static Condition condition(long elderId, String elderName, HealthRecord.Condition c) {
        Condition r = new Condition();
        r.setId(elderId + "-" + c.icd10().replace('.', '-').toLowerCase());
        r.setClinicalStatus(new CodeableConcept(new Coding(CLINICAL_STATUS, "active", "Active")));
        r.setVerificationStatus(new CodeableConcept(new Coding(VERIFICATION, "confirmed", "Confirmed")));
        r.addCategory(new CodeableConcept(new Coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")));
        r.setCode(new CodeableConcept(new Coding(AnxinFhir.ICD10, c.icd10(), c.name())).setText(c.name()));
        r.setSubject(PatientResources.reference(elderId, elderName));
        if (c.diagnosedOn() != null) {
            r.setOnset(new DateTimeType(Date.valueOf(c.diagnosedOn()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY));
        }
        return r;
    }

    /** position: the medication's place in the record, part of the id. */
    public static MedicationStatement medication(long elderId, String elderName, int position, HealthRecord.Medication m) {
        MedicationStatement r = new MedicationStatement();
        r.setId(elderId + "-med-" + position);
        r.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        r.setMedication(new CodeableConcept().setText(m.name()));
        r.setSubject(PatientResources.reference(elderId, elderName));
        String dosage = String.join(" ", java.util.stream.Stream.of(m.dose(), m.schedule())
                .filter(s -> s != null && !s.isBlank()).toList());
        if (!dosage.isEmpty()) {
            r.addDosage().setText(dosage);
        }
        return r;
    }

    public static CareTeam careTeam(long elderId, String elderName, CareTeamMember m, LocalDate today) {
        CareTeam t = new CareTeam();
        t.setId(Long.toString(m.contractId()));
        boolean active = !m.validFrom().isAfter(today) && (m.validTo() == null || !m.validTo().isBefore(today));
        t.setStatus(active ? CareTeam.CareTeamStatus.ACTIVE : CareTeam.CareTeamStatus.INACTIVE);
        t.setName("家庭医生签约 " + m.doctorName());
        t.setSubject(PatientResources.reference(elderId, elderName));
        Period period = new Period().setStart(Date.valueOf(m.validFrom()));
        if (m.validTo() != null) {
            period.setEnd(Date.valueOf(m.validTo()));
        }
        t.setPeriod(period);
        CareTeam.CareTeamParticipantComponent p = t.addParticipant();
        p.addRole(new CodeableConcept().setText("家庭医生 (family doctor)"));
        p.setMember(new Reference().setDisplay(m.doctorName())
                .setIdentifier(new Identifier().setSystem(AnxinFhir.DOCTOR_ID).setValue(Long.toString(m.doctorUserId()))));
        if (m.organizationName() != null) {
            t.addManagingOrganization(new Reference().setDisplay(m.organizationName()));
        }
        return t;
    }
}
