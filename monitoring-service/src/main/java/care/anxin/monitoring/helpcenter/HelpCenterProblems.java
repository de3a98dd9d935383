package care.anxin.monitoring.helpcenter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for the help center's own failure: a spent or expired responder link is 410 Gone. */
@RestControllerAdvice
public class HelpCenterProblems {

    @ExceptionHandler(LinkGoneException.class)
    ProblemDetail gone(LinkGoneException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
        problem.setTitle("Link no longer valid");
        return problem;
    }
}
