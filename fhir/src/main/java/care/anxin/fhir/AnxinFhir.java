package care.anxin.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The platform's FHIR R4 vocabulary: identifier systems, code systems and the one shared
 * (expensive to build, thread-safe) HAPI context.
 */
public final class AnxinFhir {

    /** Identifier systems of the resources we produce; stable, so partners can de-duplicate. */
    public static final String ELDER_ID = "https://anxin.care/fhir/sid/elder";
    public static final String INCIDENT_ID = "https://anxin.care/fhir/sid/incident";
    public static final String OBSERVATION_ID = "https://anxin.care/fhir/sid/observation";
    public static final String DOCTOR_ID = "https://anxin.care/fhir/sid/doctor";
    public static final String INCIDENT_KIND = "https://anxin.care/fhir/CodeSystem/incident-kind";
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    private AnxinFhir() {
    }

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    public static IParser json() {
        return context().newJsonParser();
    }

    public static String toJson(IBaseResource resource) {
        return json().encodeResourceToString(resource);
    }
}
