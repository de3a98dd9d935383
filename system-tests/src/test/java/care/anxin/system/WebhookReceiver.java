package care.anxin.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's real HTTP endpoint (and SMS gateway): records each request, by path, and whether
 * its HMAC signature verifies.
 */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String path, String body, String idempotencyKey, boolean signatureValid) {
    }

    private final HttpServer server;
    private final String secret;
    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-Anxin-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Anxin-Signature");
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    signature != null && signature.equalsIgnoreCase(hmac(timestamp + "." + body))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return baseUrl() + "/webhook";
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
