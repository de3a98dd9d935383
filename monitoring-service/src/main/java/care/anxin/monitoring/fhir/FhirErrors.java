package care.anxin.monitoring.fhir;

import care.anxin.fhir.AnxinFhir;
import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors of the FHIR API as OperationOutcome resources (FHIR clients expect them, not problem+json). */
@RestControllerAdvice(assignableTypes = FhirController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FhirErrors {

    private static final Logger log = LoggerFactory.getLogger(FhirErrors.class);

    /** Asked for something else than JSON (_format=xml, Accept: application/fhir+xml only). */
    static class NotAcceptableException extends RuntimeException {
        NotAcceptableException(String message) {
            super(message);
        }
    }

    static void requireJson(HttpServletRequest request) {
        String format = request.getParameter("_format");
        if (format != null && !format.contains("json")) {
            throw new NotAcceptableException("Only JSON is served (_format=json)");
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("xml") && !accept.contains("json") && !accept.contains("*/*")) {
            throw new NotAcceptableException("Only application/fhir+json is served");
        }
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> notFound(NotFoundException e) {
        return outcome(HttpStatus.NOT_FOUND, OperationOutcome.IssueType.NOTFOUND, e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<String> badRequest(BadRequestException e) {
        log.debug("FHIR request refused: {}", e.getMessage());
        return outcome(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.INVALID, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> typeMismatch(MethodArgumentTypeMismatchException e) {
        return outcome(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.INVALID, e.getName() + " is not valid");
    }

    @ExceptionHandler(NotAcceptableException.class)
    ResponseEntity<String> notAcceptable(NotAcceptableException e) {
        return outcome(HttpStatus.NOT_ACCEPTABLE, OperationOutcome.IssueType.NOTSUPPORTED, e.getMessage());
    }

    static ResponseEntity<String> outcome(HttpStatus status, OperationOutcome.IssueType type, String message) {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return ResponseEntity.status(status).contentType(FhirController.FHIR_JSON).body(AnxinFhir.toJson(o));
    }
}
