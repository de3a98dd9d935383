package care.anxin.alert.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP receiver on 127.0.0.1 (free port) recording every request; the status it answers
 * is chosen per request number (1-based) per path, so a test can take a partner down and up.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, Map<String, List<String>> headers, String body, int answeredStatus) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, IntUnaryOperator> statusByPath = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> countByPath = new java.util.concurrent.ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int n = countByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = statusByPath.getOrDefault(path, i -> 200).applyAsInt(n);
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Status to answer for the n-th request (1-based) to the path. */
    public void answer(String path, IntUnaryOperator statusForRequestNumber) {
        statusByPath.put(path, statusForRequestNumber);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests to the path whose body mentions the text (e.g. the elder's name). */
    public List<Received> received(String path, String mentioning) {
        return received(path).stream().filter(r -> r.body().contains(mentioning)).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
