package care.anxin.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.concurrent.LinkedBlockingQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's real HTTP endpoint (and SMS gateway): records each request, by path, and whether
 * its HMAC signature (v1 over timestamp.id.body, docs/alerting.md) verifies with one of the secrets
 * the platform generated for the endpoints.
 */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String path, String body, String idempotencyKey, boolean signatureValid) {
    }

    private final HttpServer server;
    private final Supplier<List<String>> secrets;
    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    WebhookReceiver(Supplier<List<String>> secrets) throws IOException {
        this.secrets = secrets;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-Anxin-Timestamp");
            String id = exchange.getRequestHeaders().getFirst("X-Anxin-Webhook-Id");
            String signature = exchange.getRequestHeaders().getFirst("X-Anxin-Signature");
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    verifies(signature, timestamp + "." + id + "." + body)));
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

    private boolean verifies(String header, String message) {
        if (header == null) {
            return false;
        }
        for (String secret : secrets.get()) {
            byte[] expected = ("v1=" + hmac(secret, message)).getBytes(StandardCharsets.US_ASCII);
            for (String part : header.split(",")) {
                if (MessageDigest.isEqual(expected, part.trim().getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String hmac(String secret, String message) {
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
