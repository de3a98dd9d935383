package care.anxin.alert.dispatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON with the JDK HttpClient and classifies the outcome; shared by the HTTP channels. */
public class HttpJsonPoster {

    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpJsonPoster(HttpClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
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
        try {
            // The body is never read: only the status counts, and an answer of any size costs nothing.
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return DeliveryResult.ofHttpStatus(response.statusCode());
        } catch (IOException e) {
            return DeliveryResult.retry(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, "interrupted (service stopping)");
        }
    }
}
