package care.anxin.alert.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON with the JDK HttpClient and classifies the outcome; shared by the HTTP channels.
 * Every send has a hard total deadline covering connect, request and the answer's status line and
 * headers (the client's request timeout alone does not bound a partner that accepts the connection
 * and never answers). Only the status counts: the body is never read (the stream is closed as soon
 * as the headers are in), so a partner answering with a huge, endless or stalled body costs nothing.
 */
public class HttpJsonPoster {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration totalDeadline;

    public HttpJsonPoster(HttpClient client, Duration requestTimeout, Duration totalDeadline) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.totalDeadline = totalDeadline;
    }

    public DeliveryResult post(String url, String body, Map<String, String> headers) {
        return post(url, body, "application/json; charset=utf-8", headers);
    }

    /** The same with another JSON media type (FHIR: application/fhir+json). */
    public DeliveryResult post(String url, String body, String contentType, Map<String, String> headers) {
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
                .header("Content-Type", contentType)
                .header("User-Agent", "Anxin-Alert/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        // ofInputStream completes with the headers; the body stream is closed unread.
        CompletableFuture<HttpResponse<InputStream>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = exchange.get(totalDeadline.toMillis(), TimeUnit.MILLISECONDS);
            response.body().close();
            return DeliveryResult.ofHttpStatus(response.statusCode());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return DeliveryResult.retry(null, "no answer within the deadline of " + totalDeadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return DeliveryResult.retry(null, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (IOException e) {
            return DeliveryResult.retry(null, "closing the answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, "interrupted (service stopping)");
        }
    }
}
