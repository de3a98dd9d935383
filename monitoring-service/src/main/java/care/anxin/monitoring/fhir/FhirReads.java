package care.anxin.monitoring.fhir;

import care.anxin.fhir.IncidentResources;
import care.anxin.fhir.ObservationResources;
import care.anxin.fhir.PatientFacts;
import care.anxin.fhir.PatientResources;
import care.anxin.fhir.RecordResources;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.clinical.ClinicalProperties;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.ClinicalQueries;
import care.anxin.store.clinical.ClinicalQueries.Reading;
import care.anxin.store.clinical.HealthRecord;
import care.anxin.store.clinical.HealthRecordRepository;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import care.anxin.store.console.ElderQueries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Service;

/**
 * FHIR resources of one elder, always through the viewer's scope: an elder the API key (or user)
 * may not see is "not found", exactly like the REST API.
 */
@Service
public class FhirReads {

    private final ElderQueries elders;
    private final HealthRecordRepository records;
    private final ClinicalQueries clinical;
    private final ClinicalProperties settings;
    private final AuditTrail audit;

    public FhirReads(ElderQueries elders, HealthRecordRepository records, ClinicalQueries clinical,
                     ClinicalProperties settings, AuditTrail audit) {
        this.audit = audit;
        this.elders = elders;
        this.records = records;
        this.clinical = clinical;
        this.settings = settings;
    }

    /** The elder behind a FHIR read, in the caller's scope; the read of personal data is audited. */
    public ElderDetail elder(AnxinPrincipal me, long elderId) {
        return inScope(me, elderId, "Patient", elderId);
    }

    private ElderDetail inScope(AnxinPrincipal me, long elderId, String type, Object id) {
        ElderDetail e = elders.detail(me.scope(), elderId).orElseThrow(() -> new NotFoundException(type, id));
        audit.elderRead(me, elderId, "fhir", java.util.Map.of("resource", type));
        return e;
    }

    public List<Patient> patients(AnxinPrincipal me, String name, int count) {
        return elders.list(me.scope(), name, count, null).items().stream().map(e -> patient(elder(me, e.id()))).toList();
    }

    public Patient patient(ElderDetail e) {
        return PatientResources.patient(new PatientFacts(e.id(), e.name(), e.gender(), LocalDate.parse(e.birthDate()),
                e.phone(), e.address(), e.organization().name(), e.contacts().stream()
                .map(c -> new PatientFacts.ContactFacts(c.name(), c.relation(), c.phone())).toList()));
    }

    /**
     * Observations of the period, newest readings first when more than the limit exist.
     *
     * @param before when not null, the page was cut: older readings exist before this instant (all
     *               readings at it are on the next page, so a blood-pressure pair is never split)
     */
    public record ObservationPage(List<Observation> observations, Instant before) {
    }

    public ObservationPage observations(ElderDetail e, Instant from, Instant to, List<String> storedCodes, int count) {
        int limit = Math.min(count, settings.maxObservations());
        List<Reading> readings = clinical.readings(e.id(), from, to, storedCodes, limit);
        Instant before = null;
        if (readings.size() == limit && !readings.isEmpty()) {
            Instant oldest = readings.get(0).time();
            List<Reading> whole = readings.stream().filter(r -> r.time().isAfter(oldest)).toList();
            if (!whole.isEmpty()) {
                readings = whole;
                before = oldest.plusMillis(1);
            } else {
                before = oldest;
            }
        }
        return new ObservationPage(ObservationResources.observations(e.id(), e.name(), readings), before);
    }

    public List<Flag> flags(ElderDetail e, Instant from, Instant to) {
        return clinical.incidents(e.id(), from, to, 1000).stream().map(i -> IncidentResources.flag(e.id(), e.name(), i))
                .toList();
    }

    public Flag flag(ElderDetail e, long alertId) {
        return clinical.incident(e.id(), alertId).map(i -> IncidentResources.flag(e.id(), e.name(), i))
                .orElseThrow(() -> new NotFoundException("Flag", alertId));
    }

    /** A Flag by incident id, when the incident's elder is in scope. */
    public Flag flagById(AnxinPrincipal me, long alertId) {
        long elderId = clinical.elderOfIncident(alertId).orElseThrow(() -> new NotFoundException("Flag", alertId));
        ElderDetail e = inScope(me, elderId, "Flag", alertId);
        return flag(e, alertId);
    }

    public CareTeam careTeamById(AnxinPrincipal me, long contractId) {
        long elderId = clinical.elderOfContract(contractId).orElseThrow(() -> new NotFoundException("CareTeam", contractId));
        ElderDetail e = inScope(me, elderId, "CareTeam", contractId);
        return careTeams(e).stream().filter(t -> t.getIdElement().getIdPart().equals(Long.toString(contractId)))
                .findFirst().orElseThrow(() -> new NotFoundException("CareTeam", contractId));
    }

    /** Observation ids are "{elder}-{code}-{epoch millis}" ("bp" for the panel). */
    public Observation observationById(AnxinPrincipal me, String id) {
        String[] parts = id.split("-");
        if (parts.length != 3) {
            throw new NotFoundException("Observation", id);
        }
        long elderId;
        Instant at;
        try {
            elderId = Long.parseLong(parts[0]);
            at = Instant.ofEpochMilli(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new NotFoundException("Observation", id);
        }
        ElderDetail e = inScope(me, elderId, "Observation", id);
        String code = parts[1].toUpperCase();
        List<String> codes = code.equals("BP") ? List.of("SBP", "DBP") : List.of(code);
        return observations(e, at, at.plusMillis(1), codes, 10).observations().stream()
                .filter(o -> o.getIdElement().getIdPart().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("Observation", id));
    }

    public List<Condition> conditions(ElderDetail e) {
        return records.conditions(e.id()).stream().map(c -> RecordResources.condition(e.id(), e.name(), c)).toList();
    }

    public List<MedicationStatement> medications(ElderDetail e) {
        List<HealthRecord.Medication> meds = records.find(e.id()).medications();
        List<MedicationStatement> out = new ArrayList<>();
        for (int i = 0; i < meds.size(); i++) {
            out.add(RecordResources.medication(e.id(), e.name(), i, meds.get(i)));
        }
        return out;
    }

    public List<CareTeam> careTeams(ElderDetail e) {
        LocalDate today = LocalDate.now(settings.zone());
        return clinical.careTeam(e.id()).stream().map(m -> RecordResources.careTeam(e.id(), e.name(), m, today)).toList();
    }

    /** Patient/$everything: the patient, the record, the care team, and incidents and readings of the period. */
    public List<Resource> everything(ElderDetail e, Instant from, Instant to, ObservationPage observations) {
        List<Resource> all = new ArrayList<>();
        all.add(patient(e));
        all.addAll(conditions(e));
        all.addAll(medications(e));
        all.addAll(careTeams(e));
        all.addAll(flags(e, from, to));
        all.addAll(observations.observations());
        return all;
    }
}
