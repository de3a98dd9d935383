package care.anxin.monitoring.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a server-sent event stream over real HTTP into a queue of events. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile InputStream body;

    SseClient(ApiClient client, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/v1/alerts/stream"))
                .header("Accept", "text/event-stream").header("Authorization", client.authorization());
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            HttpResponse<InputStream> r = response.get(30, TimeUnit.SECONDS);
            body = r.body();
            BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (name != null || data.length() > 0) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event with this name, skipping others; null on timeout. */
    Event next(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.name().equals(name)) {
                return e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        InputStream in = body;
        if (in != null) {
            in.close();
        }
        response.cancel(true);
    }
}
