package care.anxin.simulator.bench;

import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.config.SimulatorProperties;
import care.anxin.simulator.load.DeviceCredential;
import care.anxin.simulator.load.LoadConnection;
import care.anxin.simulator.load.LoadDevice;
import care.anxin.simulator.load.LoadResult;
import care.anxin.simulator.load.LoadRun;
import care.anxin.simulator.load.LoadStats;
import care.anxin.simulator.load.MqttLoadClient;
import care.anxin.simulator.load.ProcessCpu;
import care.anxin.simulator.load.ServerProcesses;
import care.anxin.simulator.load.WatchLoadClient;
import care.anxin.simulator.load.WatchLoadConnection;
import care.anxin.simulator.watch.WatchEndpoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./anxin bench ingest}: N device connections sending vitals (4 readings per message) at a
 * target rate or flat out, against the platform's gateway — over MQTT (QoS 1, latency to PUBACK),
 * over the "3G" watch protocol ({@code --anxin.bench.protocol=watch}, latency to the reply), or
 * both in one run — and, in the same run, against a mosquitto broker on the same load generator,
 * printed side by side and written as JSON.
 */
public final class IngestBench {

    private static final Logger log = LoggerFactory.getLogger(IngestBench.class);
    private static final String MQTT_LABEL = "anxin gateway";
    private static final String WATCH_LABEL = "anxin watch listener";

    private final SimulatorProperties simulator;
    private final BenchProperties bench;
    private final ObjectMapper json;

    public IngestBench(SimulatorProperties simulator, BenchProperties bench, ObjectMapper json) {
        this.simulator = simulator;
        this.bench = bench;
        this.json = json;
    }

    public List<LoadResult> run() throws Exception {
        List<LoadResult> results = new ArrayList<>();
        String runTag = "b" + Long.toString(Instant.now().getEpochSecond(), 36);
        for (String protocol : bench.protocols()) {
            if (protocol.equals("watch")) {
                results.add(runWatches());
            } else if (bench.platform()) {
                results.add(runMqtt(runTag));
            }
        }
        if (bench.mosquitto()) {
            Optional<MosquittoProcess> started = MosquittoProcess.start(bench.mosquittoBinary(), bench.outDir().resolve("mosquitto.log"));
            if (started.isEmpty()) {
                log.warn("mosquitto not installed (Debian: apt-get install -y mosquitto): skipping the comparison");
            }
            try (MosquittoProcess mosquitto = started.orElse(null)) {
                if (mosquitto != null) {
                    results.add(runAgainst(new MqttLoadClient.Target(mosquitto.version(), "127.0.0.1", mosquitto.port(), false),
                            BenchFleet.anonymous(bench.devices()), runTag, List.of(mosquitto.pid()),
                            new ServerProcesses(Map.of("mosquitto", mosquitto.pid()))));
                }
            }
        }
        print(results);
        Path file = BenchReport.write(bench.outDir(), "ingest", bench, results, json);
        System.out.println("Results written to " + file);
        return results;
    }

    private LoadResult runMqtt(String runTag) throws Exception {
        List<DeviceCredential> devices;
        String label;
        if (simulator.noAuth()) {
            devices = BenchFleet.anonymous(bench.devices());
            label = "broker " + simulator.broker();
        } else {
            try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
                devices = BenchFleet.ensure(db, bench.devices()).devices();
            }
            label = MQTT_LABEL;
        }
        MqttLoadClient.Target target = MqttLoadClient.Target.parse(label, simulator.broker(), !simulator.noAuth());
        return runAgainst(target, devices, runTag, List.of(), ServerProcesses.listeningOn(platformPorts(target.port())));
    }

    /**
     * The watch path: N protocol watches (bench elders, kind WATCH) on the platform's watch
     * listener, each message one {@code bphrt} frame (3 readings) answered after its commit.
     */
    private LoadResult runWatches() throws Exception {
        List<DeviceCredential> devices;
        try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
            devices = BenchFleet.ensureWatches(db, bench.devices()).devices();
        }
        WatchEndpoint endpoint = WatchEndpoint.parse(simulator.watchEndpoint());
        String host = endpoint.host();
        int port = endpoint.port();
        String label = WATCH_LABEL;
        LoadStats stats = new LoadStats();
        ProcessCpu cpu = cpu(List.of(), ServerProcesses.listeningOn(platformPorts(port)));
        System.out.printf("%n== %s (%s:%d): connecting %,d protocol watches (%d/s)...%n", label, host, port, devices.size(),
                bench.connectRate());
        try (WatchLoadClient client = new WatchLoadClient(label, host, port, new WatchVitalsFrames(), stats, bench.threads(),
                bench.window())) {
            long t0 = System.nanoTime();
            List<WatchLoadConnection> up = client.connectAll(devices, bench.connectRate(), 200, Duration.ofSeconds(60));
            LoadResult result = measure(label, host + ":" + port, up, stats, cpu, (System.nanoTime() - t0) / 1e9,
                    WatchVitalsFrames.READINGS);
            if (client.skippedBytes.sum() > 0) {
                System.out.printf("%,d bytes from the watch listener were not frames%n", client.skippedBytes.sum());
            }
            return result;
        }
    }

    /** The gateway (listening on this port) and the local database whose CPU counts per message. */
    private Map<String, Integer> platformPorts(int gatewayPort) {
        Map<String, Integer> serverPorts = new LinkedHashMap<>();
        serverPorts.put(simulator.noAuth() ? "broker" : "gateway", gatewayPort);
        if (!simulator.noAuth()) {
            databasePort(bench.dbUrl()).ifPresent(port -> serverPorts.put("database", port));
        }
        return serverPorts;
    }

    private ProcessCpu cpu(List<Long> extraPids, ServerProcesses servers) {
        List<Long> pids = new ArrayList<>(bench.pidList());
        if (!pids.isEmpty()) {
            pids.addAll(extraPids);
            pids.add(ProcessHandle.current().pid());
        }
        System.out.printf("%nServer processes measured for CPU per message: %s%n",
                servers.roots().isEmpty() ? "none found (not Linux, or not listening on this machine)" : servers.roots());
        return new ProcessCpu(pids, servers);
    }

    /** The measured run of connected devices, at the target rate or each at the allowed ceiling. */
    private LoadResult measure(String label, String target, List<? extends LoadDevice> up, LoadStats stats, ProcessCpu cpu,
                               double connectSeconds, int readingsPerMessage) throws InterruptedException {
        System.out.printf("%,d connected in %.1f s (%d never; %d logins refused or failed and retried: %s); %s for %s after %s warm-up%n",
                up.size(), connectSeconds, stats.connectFailures.sum(), stats.connectRetries.sum(),
                stats.connectAttemptsFailedByReason(), bench.rate() > 0 ? String.format("%,d msg/s target", bench.rate())
                        : bench.maxPerDevice() > 0 ? String.format("%d msg/s per device (the allowed ceiling)", bench.maxPerDevice()) : "max rate",
                bench.duration(), bench.warmup());
        int rate = offeredRate(bench.rate(), bench.maxPerDevice(), up.size());
        if (bench.rate() > 0 && rate < bench.rate()) {
            System.out.printf("only %,d devices connected: offering %,d msg/s (%d per device, the allowed ceiling), not %,d%n",
                    up.size(), rate, bench.maxPerDevice(), bench.rate());
        }
        LoadResult result = LoadRun.run(label, target, up, stats,
                new LoadRun.Settings(rate, bench.warmup(), bench.duration(), bench.progressEvery(), readingsPerMessage),
                cpu, connectSeconds, System.out::println);
        Thread.sleep(1000); // let the goodbyes go out before the event loop stops
        return result;
    }

    private LoadResult runAgainst(MqttLoadClient.Target target, List<DeviceCredential> devices, String runTag, List<Long> extraPids,
                                  ServerProcesses servers) throws InterruptedException {
        LoadStats stats = new LoadStats();
        ProcessCpu cpu = cpu(extraPids, servers);
        System.out.printf("%n== %s (%s:%d): connecting %,d devices (%d/s)...%n", target.label(), target.host(), target.port(),
                devices.size(), bench.connectRate());
        try (MqttLoadClient client = new MqttLoadClient(target, new VitalsPayloads(runTag), stats, bench.threads(), bench.window(), 60,
                bench.deviceLimit())) {
            long t0 = System.nanoTime();
            List<LoadConnection> up = client.connectAll(devices, bench.connectRate(), 200, Duration.ofSeconds(60));
            return measure(target.label(), target.host() + ":" + target.port(), up, stats, cpu, (System.nanoTime() - t0) / 1e9, 4);
        }
    }

    void print(List<LoadResult> results) {
        System.out.println();
        System.out.printf("%-24s %7s %8s %10s %11s %8s %8s %8s %8s %7s %9s%n", "target", "conns", "target", "msg/s",
                "readings/s", "p50 ms", "p99 ms", "p999 ms", "max ms", "errors", "µs/msg");
        for (LoadResult r : results) {
            System.out.printf("%-24s %,7d %8s %,10.0f %,11.0f %8.2f %8.2f %8.2f %8.1f %7d %9s%n", abbreviate(r.label()), r.connections(),
                    r.targetRate() == 0 ? "max" : String.format("%,d", r.targetRate()), r.ackedPerSecond(), r.readingsPerSecond(),
                    r.p50Ms(), r.p99Ms(), r.p999Ms(), r.maxMs(), r.errors() + r.connectFailures() + r.dropped(),
                    Double.isNaN(r.microsPerMessage()) ? "-" : String.format("%.1f", r.microsPerMessage()));
        }
        System.out.println("µs/msg = CPU time of the server side (gateway + its database, or the broker) per acknowledged message:");
        for (LoadResult r : results) {
            System.out.println("  " + r.label() + ": " + r.serverMicrosPerMessage()
                    + (r.serverJitMicrosPerMessage().isEmpty() ? ""
                    : "; of which JIT compilation (start-up, longer warm-up lowers it): " + r.serverJitMicrosPerMessage()));
        }
        for (LoadResult r : results) {
            if (!r.failedConnectAttempts().isEmpty()) {
                System.out.println("Refused or failed CONNECTs (retried with backoff) at " + r.label() + ": "
                        + r.failedConnectAttempts() + (r.connectFailures() > 0 ? "; never connected: " + r.connectFailures() : ""));
            }
        }
        System.out.println("Load average (1/5/15 min) now: " + ProcessCpu.loadAverage());
        for (LoadResult r : results) {
            System.out.println("CPU during " + r.label() + " (% of one core): " + r.cpuPercent());
        }
        results.stream().filter(r -> r.label().equals(WATCH_LABEL)).findFirst().ifPresent(watch ->
                results.stream().filter(r -> r.label().equals(MQTT_LABEL)).findFirst().ifPresent(mqtt -> System.out.printf(
                        "watch path / MQTT path in this run: msg/s %.2f, readings/s %.2f, p50 %.2f, p99 %.2f, µs/msg %.2f%n",
                        ratio(watch.ackedPerSecond(), mqtt.ackedPerSecond()), ratio(watch.readingsPerSecond(), mqtt.readingsPerSecond()),
                        ratio(watch.p50Ms(), mqtt.p50Ms()), ratio(watch.p99Ms(), mqtt.p99Ms()),
                        ratio(watch.microsPerMessage(), mqtt.microsPerMessage()))));
        if (results.size() == 2 && results.get(1).ackedPerSecond() > 0 && bench.rate() == 0) {
            System.out.printf("%s reached %.0f%% of %s's rate%n", results.get(0).label(),
                    100 * results.get(0).ackedPerSecond() / results.get(1).ackedPerSecond(), results.get(1).label());
        }
    }

    /**
     * The total rate the connected devices offer: the target, but never more than
     * {@code maxPerDevice} per device (a device above its allowed rate is disconnected, so a run
     * with fewer devices than planned must offer less, not overload each); 0 = every device at
     * the ceiling ("max"), or flat out when there is no ceiling either.
     */
    static int offeredRate(int target, int maxPerDevice, int devices) {
        if (maxPerDevice <= 0) {
            return target;
        }
        long ceiling = (long) maxPerDevice * devices;
        return (int) (target > 0 ? Math.min(target, ceiling) : ceiling);
    }

    /** The port of a database on this machine (CPU can only be measured there), from its JDBC URL. */
    static Optional<Integer> databasePort(String jdbcUrl) {
        Matcher m = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/").matcher(jdbcUrl);
        if (!m.find() || !LOCAL_HOSTS.contains(m.group(1))) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private static double ratio(double a, double b) {
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b;
    }

    private static String abbreviate(String label) {
        return label.length() > 24 ? label.substring(0, 24) : label;
    }
}
