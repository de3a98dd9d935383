package care.anxin.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the console's live alert stream (server-sent events) as a console user would:
 * each {@code alert} event's JSON goes to the handler with the nanoTime it arrived.
 */
public final class AlertStreamClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertStreamClient.class);

    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile boolean closed;

    public AlertStreamClient(String apiUrl, String authorization, ObjectMapper json, BiConsumer<JsonNode, Long> onAlert) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/api/v1/alerts/stream"))
                .header("Authorization", authorization).header("Accept", "text/event-stream").GET().build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            if (r.statusCode() != 200) {
                opened.completeExceptionally(new IllegalStateException("alert stream answered " + r.statusCode()));
                return;
            }
            opened.complete(null);
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (var it = r.body().iterator(); it.hasNext() && !closed; ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (event.equals("alert") && !data.isEmpty()) {
                        long at = System.nanoTime();
                        try {
                            onAlert.accept(json.readTree(data.toString()), at);
                        } catch (Exception e) {
                            log.warn("unreadable alert event: {}", e.getMessage());
                        }
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
        }).exceptionally(e -> {
            opened.completeExceptionally(e);
            if (!closed) {
                log.warn("alert stream ended: {}", e.getMessage());
            }
            return null;
        });
    }

    /** Waits until the stream is open (HTTP 200 and headers received). */
    public void awaitOpen(Duration timeout) throws Exception {
        opened.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
