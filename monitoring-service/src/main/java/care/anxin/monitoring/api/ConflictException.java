package care.anxin.monitoring.api;

/** The request clashes with the current state (answered 409), e.g. resolving a resolved incident. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
