package care.anxin.monitoring.api;

/**
 * Answered 404. Also used when a row exists but lies outside the viewer's scope, so guessing ids
 * reveals nothing.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
