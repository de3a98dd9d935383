package care.anxin.simulator.bench;

import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.EventType;
import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.config.SimulatorProperties;
import care.anxin.simulator.load.DeviceCredential;
import care.anxin.simulator.load.LoadConnection;
import care.anxin.simulator.load.LoadResult;
import care.anxin.simulator.load.LoadRun;
import care.anxin.simulator.load.LoadStats;
import care.anxin.simulator.load.MqttLoadClient;
import care.anxin.simulator.load.ProcessCpu;
import care.anxin.simulator.provision.AdminApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code ./anxin bench sos}: SOS presses from handsets under background vitals load, each timed
 * from the MQTT publish to the moment the incident arrives on the console's live stream
 * (subscribed as a care center user, as the console does), and to the first ALERT_ACK command
 * back at the handset. Each incident is acknowledged and resolved through the API so the next
 * press opens a new one. {@code --anxin.bench.fault} switches one fault on for the whole run
 * ({@link BenchFault}).
 */
public final class SosBench {

    private static final String CARE_USER = "bench.care";
    private static final String CARE_PASSWORD = "bench-care-password";
    private static final int SOS_DEVICES = 10;

    private final SimulatorProperties simulator;
    private final BenchProperties bench;
    private final ObjectMapper json;
    private final UplinkCodec codec = new UplinkCodec();

    public SosBench(SimulatorProperties simulator, BenchProperties bench, ObjectMapper json) {
        this.simulator = simulator;
        this.bench = bench;
        this.json = json;
    }

    public Map<String, Object> run() throws Exception {
        BenchFault fault = BenchFault.parse(bench.fault());
        BenchFleet.Fleet fleet;
        try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
            fleet = BenchFleet.ensure(db, Math.max(bench.devices(), SOS_DEVICES + 1));
            BenchFleet.makeHandsets(db, fleet.devices().subList(0, SOS_DEVICES));
        }
        AdminApiClient admin = new AdminApiClient(simulator.apiUrl(), simulator.adminUser(), simulator.adminPassword(), json);
        admin.awaitUp(Duration.ofMinutes(2));
        ensureCareUser(admin, fleet.centerId());
        AdminApiClient care = new AdminApiClient(simulator.apiUrl(), CARE_USER, CARE_PASSWORD, json);
        resolveOpenSos(care);

        // One press at a time: the futures of the press in progress, by elder.
        Map<Long, CompletableFuture<Long>> sentAt = new ConcurrentHashMap<>();
        Map<Long, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
        Map<Long, CompletableFuture<Long>> handsetAcks = new ConcurrentHashMap<>();
        Map<Long, Long> alertIdByElder = new ConcurrentHashMap<>();
        Histogram toConsole = new Histogram(3);
        Histogram toHandset = new Histogram(3);
        String runTag = "s" + Long.toString(Instant.now().getEpochSecond(), 36);
        LoadStats stats = new LoadStats();
        var target = MqttLoadClient.Target.parse("anxin gateway", simulator.broker(), true);
        // vitals-flood: ~1,000 abnormal readings/s (4 per message) hidden in the background load.
        long abnormalEvery = fault == BenchFault.VITALS_FLOOD
                ? Math.max(1, Math.round(bench.sosBackgroundRate() * 4 / 1000.0)) : 0;
        try (Connection faultDb = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword());
             SosBenchFaults faults = SosBenchFaults.start(fault, admin, care, fleet.centerId(), faultDb);
             AlertStreamClient stream = new AlertStreamClient(simulator.apiUrl(), care.authorization(), json, (alert, at) -> {
                 long elderId = alert.path("elder").path("id").asLong();
                 CompletableFuture<Long> waiting = arrivals.get(elderId);
                 if ("SOS".equals(alert.path("kind").asText()) && "OPEN".equals(alert.path("status").asText()) && waiting != null) {
                     alertIdByElder.put(elderId, alert.path("id").asLong());
                     waiting.complete(at);
                 }
             });
             MqttLoadClient client = new MqttLoadClient(target, new VitalsPayloads(runTag, abnormalEvery), stats, bench.threads(),
                     bench.window(), 60, bench.deviceLimit())) {
            stream.awaitOpen(Duration.ofSeconds(10));
            List<DeviceCredential> devices = fleet.devices();
            List<LoadConnection> sosDevices = client.connectAll(devices.subList(0, SOS_DEVICES), 0, SOS_DEVICES, Duration.ofSeconds(30));
            List<LoadConnection> background = client.connectAll(devices.subList(SOS_DEVICES, devices.size()), bench.connectRate(), 200,
                    Duration.ofSeconds(60));
            Map<String, Long> elderByDevice = new LinkedHashMap<>();
            for (int i = 0; i < devices.size(); i++) {
                elderByDevice.put(devices.get(i).deviceId(), fleet.elderIds().get(i));
            }
            for (LoadConnection device : sosDevices) {
                device.subscribeToCommands().get(30, TimeUnit.SECONDS); // handsets listen for ALERT_ACK
                long elderId = elderByDevice.get(device.deviceId());
                device.onCommand(payload -> {
                    CompletableFuture<Long> ack = handsetAcks.get(elderId);
                    if (ack != null && new String(payload, java.nio.charset.StandardCharsets.UTF_8).contains("ALERT_ACK")) {
                        ack.complete(System.nanoTime()); // the first ALERT_ACK of this press (receipt)
                    }
                });
            }
            System.out.printf("SOS bench: %d SOS presses from handsets, background %,d msg/s over %,d connections, fault: %s%n",
                    bench.sosCount(), bench.sosBackgroundRate(), background.size(), fault.label());
            // Background load runs in its own thread for as long as the SOS presses take.
            Duration longEnough = Duration.ofSeconds(30 + bench.sosCount() * 12L);
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            CompletableFuture<LoadResult> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return LoadRun.run("background", target.host(), background, stats,
                            new LoadRun.Settings(bench.sosBackgroundRate(), Duration.ofSeconds(3), longEnough, Duration.ofSeconds(10), 4),
                            new ProcessCpu(bench.pidList()), 0, System.out::println, done::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            int timeouts = 0;
            int ackTimeouts = 0;
            try {
                Thread.sleep(5000);
                for (int i = 0; i < bench.sosCount(); i++) {
                    LoadConnection device = sosDevices.get(i % sosDevices.size());
                    long elderId = elderByDevice.get(device.deviceId());
                    CompletableFuture<Long> sent = new CompletableFuture<>();
                    CompletableFuture<Long> arrival = new CompletableFuture<>();
                    CompletableFuture<Long> ack = new CompletableFuture<>();
                    sentAt.put(elderId, sent);
                    arrivals.put(elderId, arrival);
                    handsetAcks.put(elderId, ack);
                    byte[] sos = codec.encode(new EventMessage(runTag + "-sos-" + i, Instant.now(), EventType.SOS,
                            new GeoPoint(31.2304, 121.4737), 10.0, 80, null, null));
                    device.publishNow(DeviceTopic.uplink(device.deviceId(), MessageKind.EVENT), sos, sent::complete);
                    try {
                        // The send time is recorded on the event loop; the arrival may complete first.
                        long at = arrival.get(10, TimeUnit.SECONDS);
                        long sentNanos = sent.get(10, TimeUnit.SECONDS);
                        toConsole.recordValue(Math.max(1, (at - sentNanos) / 1000));
                    } catch (java.util.concurrent.TimeoutException e) {
                        timeouts++;
                    }
                    try {
                        long ackAt = ack.get(10, TimeUnit.SECONDS);
                        long sentNanos = sent.get(1, TimeUnit.SECONDS);
                        toHandset.recordValue(Math.max(1, (ackAt - sentNanos) / 1000));
                    } catch (java.util.concurrent.TimeoutException e) {
                        ackTimeouts++;
                    }
                    arrivals.remove(elderId);
                    handsetAcks.remove(elderId);
                    sentAt.remove(elderId);
                    Long alertId = alertIdByElder.remove(elderId);
                    if (alertId != null) {
                        care.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "bench"));
                        care.post("/api/v1/alerts/" + alertId + "/resolve", Map.of("outcome", "FALSE_ALARM", "note", "bench"));
                    } else {
                        resolveOpenSos(care);
                    }
                    if ((i + 1) % 10 == 0) {
                        System.out.printf("SOS %d/%d: publish->console p50=%.1fms p99=%.1fms, ->ALERT_ACK p50=%.1fms p99=%.1fms, "
                                        + "timeouts %d/%d%n", i + 1, bench.sosCount(),
                                toConsole.getValueAtPercentile(50) / 1000.0, toConsole.getValueAtPercentile(99) / 1000.0,
                                toHandset.getValueAtPercentile(50) / 1000.0, toHandset.getValueAtPercentile(99) / 1000.0,
                                timeouts, ackTimeouts);
                    }
                }
            } finally {
                done.set(true); // stop the background load even when a press fails
            }
            LoadResult backgroundResult = load.get();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("fault", fault.label());
            result.put("sosCount", bench.sosCount());
            result.put("timeouts", timeouts);
            result.put("ackTimeouts", ackTimeouts);
            result.put("publishToConsoleMs", percentiles(toConsole));
            result.put("publishToHandsetAckMs", percentiles(toHandset));
            result.put("background", backgroundResult);
            System.out.printf("%nFault: %s%n", fault.label());
            System.out.printf("SOS publish -> console live stream: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms, timeouts %d%n",
                    toConsole.getTotalCount(), toConsole.getValueAtPercentile(50) / 1000.0, toConsole.getValueAtPercentile(99) / 1000.0,
                    toConsole.getMaxValue() / 1000.0, timeouts);
            System.out.printf("SOS publish -> ALERT_ACK at the handset: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms, timeouts %d%n",
                    toHandset.getTotalCount(), toHandset.getValueAtPercentile(50) / 1000.0,
                    toHandset.getValueAtPercentile(99) / 1000.0, toHandset.getMaxValue() / 1000.0, ackTimeouts);
            System.out.printf("Background: %,.0f msg/s, PUBACK p99 %.1f ms%n", backgroundResult.ackedPerSecond(), backgroundResult.p99Ms());
            System.out.println("Results written to " + BenchReport.write(bench.outDir(), "sos-" + fault.label(), bench, result, json));
            return result;
        }
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", h.getTotalCount());
        p.put("p50", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
        p.put("p99", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000.0);
        p.put("max", h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000.0);
        return p;
    }

    private void ensureCareUser(AdminApiClient admin, long centerId) {
        try {
            admin.post("/api/v1/admin/users", Map.of("organizationId", centerId, "username", CARE_USER,
                    "displayName", "压测值班员", "password", CARE_PASSWORD, "role", "CARE_STAFF"));
        } catch (AdminApiClient.ApiException e) {
            if (e.status() != 409 && e.status() != 400) {
                throw e;
            }
        }
    }

    /** Closes SOS incidents left open by an interrupted earlier run, so every press opens a new one. */
    private static void resolveOpenSos(AdminApiClient care) {
        for (JsonNode alert : care.get("/api/v1/alerts?status=open&limit=500")) {
            if ("SOS".equals(alert.path("kind").asText())) {
                long id = alert.path("id").asLong();
                try {
                    if ("OPEN".equals(alert.path("status").asText())) {
                        care.post("/api/v1/alerts/" + id + "/acknowledge", Map.of("note", "bench cleanup"));
                    }
                    care.post("/api/v1/alerts/" + id + "/resolve", Map.of("outcome", "FALSE_ALARM", "note", "bench cleanup"));
                } catch (AdminApiClient.ApiException e) {
                    // already closed by someone else: fine
                }
            }
        }
    }
}
