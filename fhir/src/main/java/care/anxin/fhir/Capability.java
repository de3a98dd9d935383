package care.anxin.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations;

/** The read API's CapabilityStatement (GET /fhir/r4/metadata): read and search only, JSON only. */
public final class Capability {

    private Capability() {
    }

    public static CapabilityStatement statement(String baseUrl, String softwareVersion) {
        CapabilityStatement c = new CapabilityStatement();
        c.setStatus(Enumerations.PublicationStatus.ACTIVE);
        c.setDate(new Date());
        c.setPublisher("Anxin (安心)");
        c.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        c.getSoftware().setName("Anxin monitoring service").setVersion(softwareVersion);
        c.getImplementation().setDescription("Anxin FHIR R4 read API for medical partners").setUrl(baseUrl);
        c.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        c.addFormat("json");
        CapabilityStatement.CapabilityStatementRestComponent rest = c.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("Authorization: Bearer <API key>; a key sees only the elders of its scope");
        CapabilityStatementRestResourceComponent patient = resource(rest, "Patient");
        patient.addOperation().setName("everything")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
        CapabilityStatementRestResourceComponent observation = resource(rest, "Observation");
        search(observation, "patient", Enumerations.SearchParamType.REFERENCE);
        search(observation, "code", Enumerations.SearchParamType.TOKEN);
        search(observation, "date", Enumerations.SearchParamType.DATE);
        search(observation, "_count", Enumerations.SearchParamType.NUMBER);
        for (String type : new String[] {"Flag", "Condition", "MedicationStatement", "CareTeam"}) {
            search(resource(rest, type), "patient", Enumerations.SearchParamType.REFERENCE);
        }
        return c;
    }

    private static CapabilityStatementRestResourceComponent resource(
            CapabilityStatement.CapabilityStatementRestComponent rest, String type) {
        CapabilityStatementRestResourceComponent r = rest.addResource().setType(type);
        r.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        r.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        return r;
    }

    private static void search(CapabilityStatementRestResourceComponent r, String name, Enumerations.SearchParamType type) {
        r.addSearchParam().setName(name).setType(type);
    }
}
