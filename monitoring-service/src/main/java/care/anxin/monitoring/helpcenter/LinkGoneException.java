package care.anxin.monitoring.helpcenter;

/** A responder link that is no longer valid (finished, expired, or the incident is closed). */
public class LinkGoneException extends RuntimeException {

    public LinkGoneException(String message) {
        super(message);
    }
}
