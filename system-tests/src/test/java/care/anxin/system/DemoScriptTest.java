package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.simulator.provision.ProvisionedCommunity;
import care.anxin.simulator.scenario.ScenarioLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./anxin demo} as a user runs it: start, wait for the banner, Ctrl-C (SIGINT), start
 * again. Both starts must come up with the console answering and the board's data present, and the
 * week of history must exist once. Runs the packaged jars ({@code --no-build}: the reactor has
 * packaged every module before system-tests), on free ports and a throw-away var directory.
 */
class DemoScriptTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String READY = "Press Ctrl-C to stop everything.";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(20);
    private static final List<String> MODULES = List.of("device-gateway", "alert-service", "monitoring-service", "simulator");

    @TempDir
    Path var;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startStopStartComesUpEveryTimeWithTheConsoleAndItsData() throws Exception {
        for (String module : MODULES) {
            try (Stream<Path> jars = Files.list(ROOT.resolve(module).resolve("target"))) {
                assertThat(jars.anyMatch(p -> p.getFileName().toString().endsWith("-exec.jar")))
                        .as("packaged jar of %s (mvn package runs before system-tests in the reactor)", module).isTrue();
            }
        }
        Map<String, String> ports = freePorts();
        String key = "demo-history." + ProvisionedCommunity.fleetTag(ScenarioLoader.load(ScenarioLoader.DEFAULT).communityCode());

        Process first = start(ports, 1);
        checkConsoleAndData(ports);
        JsonNode marker = awaitHistory(ports, key);
        long imported = importedIncidents(ports);
        assertThat(imported).as("imported incidents").isEqualTo(marker.path("incidents").asLong()).isPositive();
        interrupt(first, ports, 1);

        Process second = start(ports, 2);
        checkConsoleAndData(ports);
        JsonNode again = awaitHistory(ports, key);
        assertThat(again.path("createdAt").asText()).as("the history is not written twice").isEqualTo(marker.path("createdAt").asText());
        assertThat(importedIncidents(ports)).isEqualTo(imported);
        interrupt(second, ports, 2);
    }

    private Process start(Map<String, String> ports, int run) throws IOException, InterruptedException {
        Path output = var.resolve("demo-" + run + ".out");
        // env --default-signal: a shell started from a background job ignores SIGINT and could not trap it.
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", ROOT.resolve("anxin").toString(), "demo", "--no-build")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANXIN_"));
        env.putAll(ports);
        env.put("ANXIN_VAR", var.toString());
        env.put("ANXIN_SIMULATOR_ELDERS", "4");
        Process process = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(output).contains(READY)) {
            if (!process.isAlive()) {
                throw new AssertionError("start " + run + " failed (exit " + process.exitValue() + "):\n" + diagnostics(output));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroy();
                throw new AssertionError("start " + run + " not ready after " + START_TIMEOUT + ":\n" + diagnostics(output));
            }
            Thread.sleep(500);
        }
        assertThat(Files.readString(output)).contains("Embedded PostgreSQL:", "Demo login: CARE_STAFF care01 / anxin-care",
                // elder #3 of the four wears a 3G protocol watch (the demo's watchShare of 30 %)
                "Simulated community:", "4 elders: 3 with an MQTT handset + wristband, 1 with a 3G protocol watch (1 connected");
        return process;
    }

    /** Ctrl-C: the script stops every process; all its ports are free afterwards. */
    private void interrupt(Process demo, Map<String, String> ports, int run) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();
        Path output = var.resolve("demo-" + run + ".out");
        if (!demo.waitFor(3, TimeUnit.MINUTES)) {
            demo.destroyForcibly();
            throw new AssertionError("run " + run + " did not stop on SIGINT:\n" + diagnostics(output));
        }
        assertThat(Files.readString(output)).contains("Stopping Anxin...", "Stopped.");
        for (String port : ports.values()) {
            assertThat(bindable(Integer.parseInt(port))).as("port %s free after the stop", port).isTrue();
        }
    }

    private void checkConsoleAndData(Map<String, String> ports) throws Exception {
        String base = "http://127.0.0.1:" + ports.get("ANXIN_HTTP_PORT");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("login-form");
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("\"authenticated\":false");

        ApiClient care = new ApiClient(base, "care01", "anxin-care");
        assertThat(care.get("/api/v1/elders").size()).as("elders on the care center's pages").isEqualTo(4);
        // The board: the scenario's scripted SOS (15 s after the start) is an open incident within a minute or two.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (care.get("/api/v1/alerts?status=open").isEmpty()) {
            assertThat(Instant.now()).as("an open incident on the board").isBefore(deadline);
            Thread.sleep(1000);
        }
    }

    /** The simulator writes the history in the background after the banner; its marker is a row in the database. */
    private JsonNode awaitHistory(Map<String, String> ports, String key) throws Exception {
        // The demo made a random admin password for this fresh var directory and keeps it there.
        String password = Files.readString(var.resolve("admin-password")).trim();
        ApiClient admin = new ApiClient("http://127.0.0.1:" + ports.get("ANXIN_HTTP_PORT"), "admin", password);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                JsonNode marker = admin.get("/api/v1/admin/history-imports/" + key);
                JsonNode performance = new ApiClient("http://127.0.0.1:" + ports.get("ANXIN_HTTP_PORT"), "care01", "anxin-care")
                        .get("/api/v1/performance?range=7d");
                assertThat(performance.path("total").asLong()).as("response performance of the past week").isPositive();
                return marker;
            } catch (IllegalStateException notYet) {
                assertThat(Instant.now()).as("history import %s: %s", key, notYet.getMessage()).isBefore(deadline);
                Thread.sleep(1000);
            }
        }
    }

    private long importedIncidents(Map<String, String> ports) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.get("ANXIN_DB_PORT") + "/anxin",
                "anxin", "anxin"); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM alert WHERE detail ? 'importKey'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String diagnostics(Path output) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(output));
        Path logs = var.resolve("log");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    text.append("\n--- ").append(log.getFileName()).append(" (last 30 lines) ---\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
                }
            }
        }
        return text.toString();
    }

    /** Ports below the kernel's ephemeral range (32768+), so no outgoing connection can be holding one. */
    private static Map<String, String> freePorts() {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String name : List.of("ANXIN_DB_PORT", "ANXIN_MQTT_PORT", "ANXIN_WATCH_PORT", "ANXIN_HTTP_PORT", "ANXIN_GATEWAY_HTTP_PORT",
                "ANXIN_ALERT_HTTP_PORT", "ANXIN_SIMULATOR_HTTP_PORT")) {
            int port;
            do {
                port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            } while (ports.containsValue(Integer.toString(port)) || !bindable(port));
            ports.put(name, Integer.toString(port));
        }
        return ports;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a TIME_WAIT left by a closed connection is not a listener
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
