package care.anxin.fhir;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Search results, $everything and the incident transaction pushed to partners. */
public final class Bundles {

    private Bundles() {
    }

    /** A searchset (or $everything) bundle; fullUrls are absolute under baseUrl. */
    public static Bundle searchSet(String baseUrl, String selfUrl, List<? extends Resource> resources) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.SEARCHSET);
        b.setTimestamp(new Date());
        b.setTotal(resources.size());
        b.addLink().setRelation("self").setUrl(selfUrl);
        for (Resource r : resources) {
            b.addEntry().setFullUrl(baseUrl + "/" + r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return b;
    }

    /**
     * The incident as a transaction: the Patient, the Flag and the latest readings, each created
     * only if the partner does not already hold it (conditional create on our identifiers), so a
     * retried delivery creates nothing twice. References use urn:uuid fullUrls, as transactions do.
     */
    public static Bundle incidentTransaction(Patient patient, Flag flag, List<Observation> observations) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.TRANSACTION);
        b.setTimestamp(new Date());
        String patientUrl = uuid();
        Reference subject = new Reference(patientUrl).setDisplay(patient.getNameFirstRep().getText());
        create(b, patientUrl, patient);
        flag.setSubject(subject);
        create(b, uuid(), flag);
        for (Observation o : observations) {
            o.setSubject(subject);
            create(b, uuid(), o);
        }
        return b;
    }

    private static void create(Bundle b, String fullUrl, Resource r) {
        Identifier identifier;
        if (r instanceof Patient p) {
            identifier = p.getIdentifierFirstRep();
        } else if (r instanceof Flag f) {
            identifier = f.getIdentifierFirstRep();
        } else if (r instanceof Observation o) {
            identifier = o.getIdentifierFirstRep();
        } else {
            throw new IllegalArgumentException("not part of an incident bundle: " + r.fhirType());
        }
        r.setId((String) null);
        b.addEntry().setFullUrl(fullUrl).setResource(r).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl(r.fhirType()).setIfNoneExist("identifier=" + identifier.getSystem() + "|" + identifier.getValue());
    }

    private static String uuid() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
