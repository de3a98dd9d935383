package care.anxin.simulator.run;

import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.simulator.provision.AdminApiClient;
import care.anxin.simulator.provision.CommunityProvisioner;
import care.anxin.simulator.provision.DemoUser;
import care.anxin.simulator.provision.HistoryImportClient;
import care.anxin.simulator.provision.ProvisionedCommunity;
import care.anxin.simulator.receiver.WebhookSecrets;
import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.ElderProfile;
import care.anxin.simulator.scenario.IncidentHistoryGenerator;
import care.anxin.simulator.scenario.Scenario;
import care.anxin.simulator.scenario.ScenarioGenerator;
import care.anxin.simulator.scenario.SimAction;
import care.anxin.simulator.transport.DeviceLink;
import care.anxin.simulator.transport.HistoryBackfill;
import care.anxin.simulator.transport.UplinkEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario running live against a platform: provisions the community through the admin API,
 * connects every MQTT device with Paho and every protocol watch over TCP ({@link WatchFleet}), optionally backfills history, then plays the generator in real
 * time (one tick every {@code tickSeconds}). This is also the programmatic entry point for
 * end-to-end tests: {@code try (Simulation s = Simulation.start(config)) { ... }}.
 */
public final class Simulation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    /**
     * @param receiverUrl    how the platform reaches the webhook/SMS receiver (the medical partner's
     *                       endpoint and the SMS gateway are registered with these URLs)
     * @param webhookSecrets filled with the signing secrets the platform generates for the endpoints
     */
    public record Config(String apiUrl, String brokerUri, String adminUser, String adminPassword, String receiverUrl,
                         WebhookSecrets webhookSecrets, Path varDir, Scenario scenario, boolean backfill,
                         String watchEndpoint, Duration watchReplyTimeout) {

        /** Without protocol watches (every elder has an MQTT handset and wristband). */
        public Config(String apiUrl, String brokerUri, String adminUser, String adminPassword, String receiverUrl,
                      WebhookSecrets webhookSecrets, Path varDir, Scenario scenario, boolean backfill) {
            this(apiUrl, brokerUri, adminUser, adminPassword, receiverUrl, webhookSecrets, varDir, scenario.withWatchShare(0),
                    backfill, null, Duration.ofSeconds(20));
        }
    }

    /**
     * Counters a test or the log can read; {@code watchTexts}: text messages the protocol watches
     * received and showed (their "help is coming").
     */
    public record Stats(long published, long commands, long alertAcks, Map<String, Long> events, long watches,
                        long watchesConnected, long watchTexts) {
    }

    private final Config config;
    private final ScenarioGenerator generator;
    private final List<ElderProfile> profiles;
    private final ProvisionedCommunity community;
    private final AdminApiClient api;
    private final Map<String, DeviceLink> links = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "simulation");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService apiCalls = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simulation-api");
        t.setDaemon(true);
        return t;
    });
    private final UplinkEncoder encoder = new UplinkEncoder();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong alertAcks = new AtomicLong();
    private final AtomicLong watchTexts = new AtomicLong();
    private final WatchFleet watches;
    private final Map<String, AtomicLong> events = new java.util.concurrent.ConcurrentHashMap<>();
    private final String runTag;

    private Simulation(Config config, ObjectMapper json) throws InterruptedException {
        this.config = config;
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.runTag = Long.toString(start.getEpochSecond(), 36);
        this.generator = new ScenarioGenerator(config.scenario(), start, runTag);
        this.profiles = generator.profiles();
        this.api = new AdminApiClient(config.apiUrl(), config.adminUser(), config.adminPassword(), json);
        CommunityProvisioner provisioner = new CommunityProvisioner(api, json, config.varDir(), config.receiverUrl(),
                config.webhookSecrets(), config.adminUser(), config.adminPassword());
        this.community = provisioner.provision(generator.scenario(), profiles);
        clearTravel();
        List<ElderProfile> wearers = profiles.stream().filter(p -> community.wearsWatch(p.index())).toList();
        if (!wearers.isEmpty() && config.watchEndpoint() == null) {
            throw new IllegalArgumentException("the scenario has watch wearers but no watch endpoint is configured");
        }
        this.watches = wearers.isEmpty() ? null : new WatchFleet(config.watchEndpoint(), community, wearers,
                config.watchReplyTimeout(), generator::locate, this::onWatchText);
        for (ElderProfile elder : profiles) {
            if (community.wearsWatch(elder.index())) {
                continue;
            }
            for (DeviceRole role : DeviceRole.values()) {
                String deviceId = community.deviceId(role, elder.index());
                String label = elder.name() + " " + (role == DeviceRole.HANDSET ? "一键通" : "手环");
                try {
                    links.put(deviceId, new DeviceLink(config.brokerUri(), deviceId, community.deviceSecrets().get(deviceId), label,
                            encoder, scheduler, () -> provisioner.rotateSecret(deviceId, generator.scenario().communityCode()),
                            command -> onCommand(deviceId, label, command)));
                } catch (MqttException e) {
                    throw new IllegalStateException("cannot create MQTT client for " + deviceId + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Provisions, connects and starts playing; returns once every device has been asked to connect. */
    public static Simulation start(Config config, ObjectMapper json) throws InterruptedException {
        Simulation simulation = new Simulation(config, json);
        if (simulation.watches != null) {
            simulation.watches.connectAll(); // no slow secret check for watches: they log in at once
        }
        for (DeviceLink link : simulation.links.values()) {
            link.connect();
            Thread.sleep(40); // a gentle login ramp: the gateway checks each secret with a slow hash
        }
        simulation.awaitConnected(Duration.ofSeconds(30));
        if (config.backfill() && generator(simulation).scenario().backfillDays() > 0) {
            simulation.apiCalls.submit(simulation::backfill);
        }
        long tickMs = simulation.generator.scenario().tickSeconds() * 1000L;
        simulation.scheduler.scheduleAtFixedRate(simulation::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        log.info("Simulation '{}' running: {} elders, {} MQTT devices, {} protocol watches ({} connected), seed {}, acceleration x{}",
                simulation.generator.scenario().name(), simulation.profiles.size(), simulation.links.size(),
                simulation.watchCount(), simulation.watchesConnected(),
                simulation.generator.scenario().seed(), simulation.generator.scenario().acceleration());
        return simulation;
    }

    private static ScenarioGenerator generator(Simulation simulation) {
        return simulation.generator;
    }

    public ProvisionedCommunity community() {
        return community;
    }

    public List<ElderProfile> profiles() {
        return profiles;
    }

    public List<DemoUser> users() {
        return community.users();
    }

    public Stats stats() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        events.forEach((k, v) -> counts.put(k, v.get()));
        if (watches != null) {
            counts.putAll(watches.counters());
        }
        return new Stats(published.get(), commands.get(), alertAcks.get(), counts, watchCount(), watchesConnected(),
                watchTexts.get());
    }

    /** Elders wearing a protocol watch. */
    public int watchCount() {
        return watches == null ? 0 : watches.size();
    }

    /** Protocol watches the platform has accepted (login answered) right now. */
    public long watchesConnected() {
        return watches == null ? 0 : watches.connected();
    }

    private void awaitConnected(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            long up = links.values().stream().filter(DeviceLink::connected).count();
            if (up == links.size() && watchesConnected() == watchCount()) {
                log.info("All {} MQTT devices connected to {}{}", up, config.brokerUri(),
                        watchCount() == 0 ? "" : ", " + watchCount() + " protocol watches to " + config.watchEndpoint());
                return;
            }
            Thread.sleep(200);
        }
        log.warn("{} of {} MQTT devices and {} of {} watches connected after {}; the rest keep retrying",
                links.values().stream().filter(DeviceLink::connected).count(), links.size(), watchesConnected(), watchCount(),
                timeout);
    }

    private void tick() {
        try {
            for (SimAction action : generator.advanceTo(Instant.now())) {
                dispatch(action);
            }
        } catch (RuntimeException e) {
            log.error("Simulation tick failed (continuing): {}", e.toString(), e);
        }
    }

    private void dispatch(SimAction action) {
        ElderProfile elder = profiles.get(action.elder());
        String deviceId = community.deviceId(action.device(), action.elder());
        if (watches != null && watches.owns(deviceId)) {
            dispatchToWatch(elder, deviceId, action);
            return;
        }
        DeviceLink link = links.get(deviceId);
        if (action instanceof SimAction.Connectivity c) {
            log.info("SIM {}: {} {}", elder.name(), link.deviceId(), c.online() ? "back in coverage, reconnecting" : "loses its connection");
            if (c.online()) {
                link.connect();
            } else {
                link.dropConnection();
            }
            count(c.online() ? "RECONNECT" : "OFFLINE");
            return;
        }
        if (action instanceof SimAction.Travel t) {
            travel(elder, t);
            return;
        }
        if (action instanceof SimAction.Event e) {
            log.info("SIM {} (elder #{}): {} from {}{}", elder.name(), elder.index(), describe(e), link.deviceId(),
                    e.refMsgId() == null ? "" : " (cancels " + e.refMsgId() + ")");
            count(e.type());
        }
        encoder.encode(link.deviceId(), action).ifPresent(uplink -> {
            link.publish(uplink);
            published.incrementAndGet();
        });
    }

    private void dispatchToWatch(ElderProfile elder, String watchId, SimAction action) {
        if (action instanceof SimAction.Travel t) {
            travel(elder, t);
            return;
        }
        if (action instanceof SimAction.Connectivity c && c.device() == DeviceRole.WRISTBAND) {
            log.info("SIM {}: watch {} {}", elder.name(), watchId, c.online() ? "back in coverage, reconnecting" : "loses its connection");
            count(c.online() ? "RECONNECT" : "OFFLINE");
        }
        int frames = watches.dispatch(watchId, action);
        if (action instanceof SimAction.Event e) {
            log.info("SIM {} (elder #{}): {} from watch {}{}", elder.name(), elder.index(), describe(e), watchId,
                    frames == 0 ? " (the watch protocol has no frame for it)" : "");
            count(e.type());
        }
        published.addAndGet(frames);
    }

    private void onWatchText(String watchId, String text) {
        commands.incrementAndGet();
        watchTexts.incrementAndGet();
    }

    private void travel(ElderProfile elder, SimAction.Travel t) {
        long elderId = community.elderIds().get(elder.index());
        count(t.city() == null ? "TRAVEL_END" : "TRAVEL");
        apiCalls.submit(() -> {
            try {
                if (t.city() == null) {
                    log.info("SIM {}: back home, travel mode off", elder.name());
                    api.delete("/api/v1/admin/elders/" + elderId + "/travel");
                } else {
                    log.info("SIM {}: travels to {} until {}", elder.name(), t.city().nameZh(), t.until());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("lat", t.city().lat());
                    body.put("lon", t.city().lon());
                    body.put("radiusM", 3000);
                    body.put("city", t.city().nameZh());
                    body.put("until", t.until().toString());
                    api.put("/api/v1/admin/elders/" + elderId + "/travel", body);
                }
            } catch (RuntimeException e) {
                log.warn("Travel mode for {} not updated: {}", elder.name(), e.getMessage());
            }
        });
    }

    /** A new run starts with everybody at home: undo travel left over from an earlier run. */
    private void clearTravel() {
        for (long elderId : community.elderIds().values()) {
            try {
                api.delete("/api/v1/admin/elders/" + elderId + "/travel");
            } catch (RuntimeException e) {
                log.debug("clear travel of elder {}: {}", elderId, e.getMessage());
            }
        }
    }

    /**
     * Once per database: the platform's history_import marker (not a file here) says whether this
     * community's week already exists there. Past incidents are written with the marker in one
     * call; the vitals follow over MQTT (the same messages on every run, so an interrupted backfill
     * run again is de-duplicated by the gateway) and then the marker is completed.
     */
    private void backfill() {
        HistoryImportClient history = new HistoryImportClient(api, community);
        try {
            HistoryImportClient.State state = history.state();
            if (state == HistoryImportClient.State.COMPLETE) {
                log.info("History of this community is already in the database (import {}); skipping", history.key());
                return;
            }
            Instant now = generator.now();
            int days = generator.scenario().backfillDays();
            if (state == HistoryImportClient.State.ABSENT) {
                List<String> staff = community.users().stream().filter(u -> "CARE_STAFF".equals(u.role()))
                        .map(DemoUser::username).toList();
                List<IncidentHistoryGenerator.PastIncident> incidents =
                        IncidentHistoryGenerator.history(generator.scenario().seed(), profiles, days, now, staff);
                history.importIncidents(community, profiles, incidents);
                log.info("History: {} past incidents of the last {} days written (import {})", incidents.size(), days, history.key());
            }
            // Watch wearers have no backfill: the protocol's health frames carry no time of their own.
            List<ElderProfile> mqttElders = profiles.stream().filter(p -> !community.wearsWatch(p.index())).toList();
            HistoryBackfill.run(generator.scenario().seed(), mqttElders, days, now, encoder,
                    (role, index) -> links.get(community.deviceId(role, index)));
            history.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("History backfill stopped (the next start continues it): {}", e.toString());
        }
    }

    private void onCommand(String deviceId, String label, DeviceCommand command) {
        commands.incrementAndGet();
        if (command.type() == CommandType.ALERT_ACK) {
            alertAcks.incrementAndGet();
        }
        log.info("COMMAND {} to {} ({}): {}{}", command.type(), deviceId, label,
                command.text() == null ? "" : command.text(),
                command.alertId() == null ? "" : " [alert " + command.alertId() + "]");
        if (command.type() == CommandType.LOCATE) {
            // Answer off the MQTT callback thread, like a handset taking a GPS fix.
            scheduler.execute(() -> profiles.stream()
                    .filter(p -> deviceId.equals(community.deviceId(DeviceRole.HANDSET, p.index()))).findFirst()
                    .ifPresent(p -> generator.locate(p.index()).forEach(this::dispatch)));
        }
    }

    private void count(String what) {
        events.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private static String describe(SimAction.Event e) {
        return switch (e.type()) {
            case "SOS" -> "presses SOS (一键呼救)";
            case "FALL" -> "falls (confidence " + e.confidence() + ")";
            case "FALL_CANCELLED" -> "presses \"I am OK\" after the fall";
            case "LOW_BATTERY" -> "battery low (" + e.battery() + "%)";
            case "WEAR_OFF" -> "takes the wristband off";
            case "POWER_OFF" -> "battery flat, device switches off";
            default -> e.type();
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        apiCalls.shutdownNow();
        links.values().parallelStream().forEach(DeviceLink::close);
        if (watches != null) {
            watches.close();
        }
        log.info("Simulation stopped: {}", stats());
    }
}
