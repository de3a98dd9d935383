package care.anxin.alert.dispatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON with the JDK HttpClient and classifies the outcome; shared by the HTTP channels.
 * Every send has a hard total deadline covering connect, headers and body (the client's request
 * timeout alone does not cover the body: a partner that sends its headers and then stalls would
 * hold a sender for as long as it likes), and the response body is read only up to a cap and never
 * kept: the outcome is the status line alone.
 */
public class HttpJsonPoster {

    /** Bytes of a response body read at most (and then dropped: only the status is used); the rest is never read. */
    static final int BODY_CAP = 4096;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration totalDeadline;

    public HttpJsonPoster(HttpClient client, Duration requestTimeout, Duration totalDeadline) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.totalDeadline = totalDeadline;
    }

    public DeliveryResult post(String url, String body, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.permanent(null, "invalid URL " + url);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            return DeliveryResult.permanent(null, "URL must be http(s): " + url);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Anxin-Alert/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(), CappedBody.handler(BODY_CAP));
        try {
            HttpResponse<String> response = exchange.get(totalDeadline.toMillis(), TimeUnit.MILLISECONDS);
            // Only the status counts: a receiver's answer never reaches incidents or logs.
            return DeliveryResult.ofHttpStatus(response.statusCode());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return DeliveryResult.retry(null, "no complete answer within the deadline of " + totalDeadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException || cause instanceof IOException) {
                return DeliveryResult.retry(null, cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            return DeliveryResult.retry(null, String.valueOf(cause));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, "interrupted (service stopping)");
        }
    }
}
