package care.anxin.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.clinical.ClinicalQueries.CareTeamMember;
import care.anxin.store.clinical.ClinicalQueries.Incident;
import care.anxin.store.clinical.ClinicalQueries.Reading;
import care.anxin.store.clinical.HealthRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Every resource type the platform produces passes the R4 instance validator with zero errors. */
class FhirResourcesValidationTest {

    static final Instant T = Instant.parse("2026-11-12T02:30:00Z");

    static PatientFacts elder() {
        return new PatientFacts(42, "王秀英", "F", LocalDate.of(1942, 3, 8), "13800000000", "上海市黄浦区南京东路 1 号",
                "南京东路社区卫生服务中心", List.of(new PatientFacts.ContactFacts("王小明", "儿子", "13900000000")));
    }

    static List<Reading> readings() {
        return List.of(new Reading(T, "HR", 72), new Reading(T, "SPO2", 96), new Reading(T, "SBP", 142),
                new Reading(T, "DBP", 88), new Reading(T, "TEMP", 36.6), new Reading(T, "RR", 16),
                new Reading(T, "GLU", 7.2), new Reading(T, "STEPS", 350), new Reading(T.plusSeconds(60), "SBP", 150));
    }

    static Incident incident(String status) {
        return new Incident(status.equals("OPEN") ? 7 : 8, "EARLY_WARNING", "HIGH", status, "早期预警评分升高：王秀英", T, null,
                status.equals("RESOLVED") ? T.plusSeconds(600) : null, status.equals("RESOLVED") ? "HELP_PROVIDED" : null,
                "{}");
    }

    @Test
    void everyResourceTypeIsValid() {
        List<Resource> all = new ArrayList<>();
        all.add(PatientResources.patient(elder()));
        all.addAll(ObservationResources.observations(42, "王秀英", readings()));
        all.add(IncidentResources.flag(42, "王秀英", incident("OPEN")));
        all.add(IncidentResources.flag(42, "王秀英", incident("RESOLVED")));
        all.add(RecordResources.condition(42, "王秀英", new HealthRecord.Condition("I10", "原发性高血压",
                LocalDate.of(2015, 5, 1), 90, LocalDate.of(2026, 12, 1))));
        all.add(RecordResources.condition(42, "王秀英", new HealthRecord.Condition("E11.9", "2型糖尿病", null, null, null)));
        all.add(RecordResources.medication(42, "王秀英", 0, new HealthRecord.Medication("氨氯地平片", "5 mg", "每日一次")));
        all.add(RecordResources.medication(42, "王秀英", 1, new HealthRecord.Medication("二甲双胍", null, null)));
        all.add(RecordResources.careTeam(42, "王秀英", new CareTeamMember(3, 9, "李医生", "13700000000", "社区卫生服务中心",
                LocalDate.of(2026, 1, 1), null), LocalDate.of(2026, 11, 30)));
        all.add(Capability.statement("http://localhost/fhir/r4", "test"));
        assertThat(all).extracting(Resource::fhirType).contains("Patient", "Observation", "Flag", "Condition",
                "MedicationStatement", "CareTeam", "CapabilityStatement");
        for (Resource r : all) {
            assertThat(FhirValidation.errors(r)).as(r.fhirType() + "/" + r.getIdElement().getIdPart()).isEmpty();
        }
        Bundle everything = Bundles.searchSet("http://localhost/fhir/r4", "http://localhost/fhir/r4/Patient/42/$everything",
                all.stream().filter(r -> !r.fhirType().equals("CapabilityStatement")).toList());
        assertThat(FhirValidation.errors(everything)).isEmpty();
    }

    @Test
    void bloodPressureIsOnePanelWithTwoComponents() {
        List<Observation> obs = ObservationResources.observations(42, "王秀英", readings());
        Observation panel = obs.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9"))
                .findFirst().orElseThrow();
        assertThat(panel.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode())
                .containsExactly("8480-6", "8462-4");
        assertThat(panel.getComponent().get(0).getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        // The lone systolic reading a minute later stays a single observation.
        assertThat(obs).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("8480-6")).hasSize(1);
        assertThat(ObservationResources.storedCodesFor("85354-9")).containsExactly("SBP", "DBP");
    }

    @Test
    void incidentTransactionIsValidAndConditional() {
        Patient patient = PatientResources.patient(new PatientFacts(42, "王秀英", null, null, "13800000000", null, null,
                List.of()));
        Flag flag = IncidentResources.flag(42, "王秀英", incident("OPEN"));
        Bundle tx = Bundles.incidentTransaction(patient, flag, ObservationResources.observations(42, "王秀英", readings()));
        assertThat(tx.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(tx.getEntry()).allSatisfy(e -> {
            assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
            assertThat(e.getRequest().getIfNoneExist()).startsWith("identifier=https://anxin.care/fhir/sid/");
            assertThat(e.getFullUrl()).startsWith("urn:uuid:");
        });
        assertThat(FhirValidation.errors(AnxinFhir.toJson(tx))).isEmpty();
    }
}
