package care.anxin.alert.dispatch;

/**
 * Outcome of one attempt.
 *
 * @param statusCode HTTP status when there was a response
 * @param retryable false for failures a retry cannot fix (e.g. HTTP 400/404/410/422): DEAD at once
 */
public record DeliveryResult(boolean success, Integer statusCode, String error, boolean retryable) {

    public static DeliveryResult ok(Integer statusCode) {
        return new DeliveryResult(true, statusCode, null, false);
    }

    public static DeliveryResult retry(Integer statusCode, String error) {
        return new DeliveryResult(false, statusCode, error, true);
    }

    public static DeliveryResult permanent(Integer statusCode, String error) {
        return new DeliveryResult(false, statusCode, error, false);
    }

    /**
     * Classifies an HTTP status: 2xx ok; 408, 425, 429 and 5xx retry; other 4xx permanent. The error
     * is the status line only: a receiver's answer body is never copied into incidents or logs (it
     * could carry whatever an internal service answers).
     */
    public static DeliveryResult ofHttpStatus(int status) {
        if (status >= 200 && status < 300) {
            return ok(status);
        }
        String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirect not followed)" : "");
        if (status >= 500 || status == 408 || status == 425 || status == 429 || status < 200 || (status >= 300 && status < 400)) {
            return retry(status, error);
        }
        return permanent(status, error);
    }
}
