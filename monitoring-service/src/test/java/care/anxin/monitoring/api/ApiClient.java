package care.anxin.monitoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A real HTTP client for the API tests: HTTP Basic, or a browser-like session with cookies and CSRF. */
final class ApiClient {

    record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String authorization;
    private boolean sendCsrf = true;
    private String accept = "application/json";

    private ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static ApiClient basic(int port, String username, String password) {
        ApiClient c = new ApiClient(port);
        c.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    static ApiClient bearer(int port, String key) {
        ApiClient c = new ApiClient(port);
        c.authorization = "Bearer " + key;
        return c;
    }

    /** A browser-like client without credentials yet (log in with {@link #login}). */
    static ApiClient session(int port) {
        return new ApiClient(port);
    }

    ApiClient withoutCsrf() {
        sendCsrf = false;
        return this;
    }

    Response login(String username, String password) {
        if (csrf().isEmpty()) {
            get("/login.html");
        }
        return send("POST", "/login", "username=" + username + "&password=" + password,
                "application/x-www-form-urlencoded");
    }

    Optional<String> csrf() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst();
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    /** A GET as a browser download would send it (any type). */
    Response download(String path) {
        accept = "*/*";
        try {
            return get(path);
        } finally {
            accept = "application/json";
        }
    }

    Response post(String path, Object body) {
        return send("POST", path, body == null ? null : write(body), "application/json");
    }

    Response put(String path, Object body) {
        return send("PUT", path, write(body), "application/json");
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (sendCsrf && !"GET".equals(method)) {
            csrf().ifPresent(token -> b.header("X-XSRF-TOKEN", token));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return base;
    }

    String authorization() {
        return authorization;
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
