package care.anxin.monitoring.api;

/** The viewer may see the resource but not do this to it (answered 403 problem+json). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
