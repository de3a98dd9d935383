package care.anxin.fhir;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One HAPI instance validator with the R4 core definitions, offline, shared by every test in the
 * JVM (building it loads the whole R4 specification: seconds, so never per test).
 */
public final class FhirValidation {

    private static FhirValidator validator;

    private FhirValidation() {
    }

    public static synchronized FhirValidator validator() {
        if (validator == null) {
            var ctx = AnxinFhir.context();
            ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                    new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                    new SnapshotGeneratingValidationSupport(ctx));
            FhirInstanceValidator module = new FhirInstanceValidator(chain);
            module.setAnyExtensionsAllowed(true);
            validator = ctx.newValidator().registerValidatorModule(module);
        }
        return validator;
    }

    /** Errors and fatal messages only (warnings about code systems we cannot expand offline are fine). */
    public static List<String> errors(IBaseResource resource) {
        ValidationResult result = validator().validateWithResult(resource);
        return errors(result);
    }

    public static List<String> errors(String json) {
        return errors(validator().validateWithResult(json));
    }

    private static List<String> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::describe).toList();
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
