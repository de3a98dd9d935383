package care.anxin.monitoring.api;

/** A request that is well-formed but makes no sense (answered 400, naming the field when known). */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
