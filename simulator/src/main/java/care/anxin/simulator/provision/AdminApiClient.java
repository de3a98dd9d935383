package care.anxin.simulator.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The monitoring service's REST API as one HTTP Basic user sees it (JSON in, JSON out). */
public final class AdminApiClient {

    private static final Logger log = LoggerFactory.getLogger(AdminApiClient.class);

    /** A non-2xx answer, with the problem+json body the API sent. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String method, String path, int status, String body) {
            super(method + " " + path + " -> " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String baseUrl;
    private final String authorization;

    public AdminApiClient(String baseUrl, String username, String password, ObjectMapper json) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("No admin password: set ANXIN_ADMIN_PASSWORD (the platform has no default"
                    + " one; the simulator provisions and benchmarks through the admin API with it)");
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.json = json;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String authorization() {
        return authorization;
    }

    /** Waits until the API answers {@code GET /api/v1/me} for this user (the platform may still be starting). */
    public JsonNode awaitUp(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String lastProblem = "";
        int attempt = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                return get("/api/v1/me");
            } catch (ApiException | UncheckedIOException e) {
                lastProblem = e.getMessage();
            }
            if (++attempt % 10 == 1) {
                log.info("Waiting for the Anxin API at {} ({})", baseUrl, lastProblem);
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Anxin API at " + baseUrl + " not up after " + timeout + ": " + lastProblem);
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** Every page of a paginated list (the API's lists are pages of at most 1000, linked by X-Next-Cursor). */
    public com.fasterxml.jackson.databind.node.ArrayNode getAll(String path) {
        com.fasterxml.jackson.databind.node.ArrayNode all = json.createArrayNode();
        String sep = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            String page = path + sep + "limit=1000" + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<byte[]> response = exchange("GET", page, null);
            try {
                json.readTree(response.body()).forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + page + ": " + e, e);
            }
            cursor = response.headers().firstValue("X-Next-Cursor").orElse(null);
        } while (cursor != null);
        return all;
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        HttpResponse<byte[]> response = exchange(method, path, body);
        try {
            return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        }
    }

    private HttpResponse<byte[]> exchange(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(method, path, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** I/O trouble talking to the API (connection refused while it starts, timeouts). */
    public static final class UncheckedIOException extends RuntimeException {
        UncheckedIOException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
