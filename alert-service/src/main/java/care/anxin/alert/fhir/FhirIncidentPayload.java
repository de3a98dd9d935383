package care.anxin.alert.fhir;

import care.anxin.domain.vital.VitalSign;
import care.anxin.fhir.AnxinFhir;
import care.anxin.fhir.Bundles;
import care.anxin.fhir.IncidentResources;
import care.anxin.fhir.ObservationResources;
import care.anxin.fhir.PatientFacts;
import care.anxin.fhir.PatientResources;
import care.anxin.store.alerting.AlertSnapshot;
import care.anxin.store.clinical.ClinicalQueries;
import care.anxin.store.clinical.ClinicalQueries.Incident;
import care.anxin.store.clinical.ClinicalQueries.Reading;
import java.util.Arrays;
import java.util.List;

/**
 * The outbox payload of a FHIR notification: a transaction Bundle with the Patient, the incident
 * as a Flag and the elder's latest reading of each vital up to the incident (looking back a day),
 * built when the notification is queued so every retry sends the same Bundle.
 */
public class FhirIncidentPayload {

    private static final List<String> VITALS = Arrays.stream(VitalSign.values()).filter(v -> v != VitalSign.STEPS)
            .map(VitalSign::code).toList();

    private final ClinicalQueries clinical;

    public FhirIncidentPayload(ClinicalQueries clinical) {
        this.clinical = clinical;
    }

    public String bundle(AlertSnapshot a) {
        PatientFacts patient = new PatientFacts(a.elderId(), a.elderName(), null, null, a.elderPhone(), a.elderAddress(),
                a.organizationName(), List.of());
        Incident incident = new Incident(a.id(), a.kind().name(), a.severity().name(), a.status().name(), a.title(), a.openedAt(), null, null,
                null, a.detail());
        List<Reading> latest = clinical.latestBefore(a.elderId(), a.lastEventAt(), 1, VITALS);
        return AnxinFhir.toJson(Bundles.incidentTransaction(PatientResources.patient(patient),
                IncidentResources.flag(a.elderId(), a.elderName(), incident),
                ObservationResources.observations(a.elderId(), a.elderName(), latest)));
    }
}
