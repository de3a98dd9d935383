package care.anxin.fhir;

import care.anxin.store.clinical.ClinicalQueries.Incident;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Period;

/**
 * Incident → Flag: a warning about the patient while the incident is open (status active), kept
 * inactive with its period once resolved. The kind is coded in Anxin's own code system; the
 * Chinese title is the text.
 */
public final class IncidentResources {

    private static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";

    private IncidentResources() {
    }

    public static Flag flag(long elderId, String elderName, Incident incident) {
        Flag f = new Flag();
        f.setId(Long.toString(incident.id()));
        f.addIdentifier().setSystem(AnxinFhir.INCIDENT_ID).setValue(Long.toString(incident.id()));
        boolean open = incident.status().equals("OPEN") || incident.status().equals("ACKNOWLEDGED");
        f.setStatus(open ? Flag.FlagStatus.ACTIVE : Flag.FlagStatus.INACTIVE);
        boolean clinical = incident.kind().equals("EARLY_WARNING") || incident.kind().startsWith("VITAL_")
                || incident.kind().equals("FALL");
        f.addCategory().addCoding(new Coding(FLAG_CATEGORY, clinical ? "clinical" : "safety",
                clinical ? "Clinical" : "Safety"));
        f.setCode(new CodeableConcept(new Coding(AnxinFhir.INCIDENT_KIND, incident.kind(), incident.kind()))
                .setText(incident.title()));
        f.setSubject(PatientResources.reference(elderId, elderName));
        Period period = new Period().setStart(Date.from(incident.openedAt()));
        Date end = incident.resolvedAt() != null ? Date.from(incident.resolvedAt()) : null;
        if (!open && end != null) {
            period.setEnd(end);
        }
        f.setPeriod(period);
        return f;
    }
}
