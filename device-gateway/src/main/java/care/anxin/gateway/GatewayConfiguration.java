package care.anxin.gateway;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.auth.DeviceAuthenticator;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.auth.LoginGate;
import care.anxin.gateway.auth.LoginLimiter;
import care.anxin.gateway.auth.RecentLogins;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.downlink.CommandMapper;
import care.anxin.gateway.ingest.CarePlanCache;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.ingest.MessageRows;
import care.anxin.gateway.lifecycle.SessionLifecycle;
import care.anxin.gateway.lifecycle.SessionNotifications;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.watch.WatchServer;
import care.anxin.gateway.watch.WatchServices;
import care.anxin.gateway.net.ConnectionLimitHandler;
import care.anxin.gateway.net.TrustedNetworks;
import care.anxin.gateway.mqtt.MqttServices;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.presence.PresenceTracker;
import care.anxin.gateway.session.ReadGate;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.store.ingest.CommandRepository;
import care.anxin.store.ingest.DeviceDirectory;
import care.anxin.store.ingest.IngestRepository;
import care.anxin.store.ingest.PresenceRepository;
import care.anxin.store.ingest.SessionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the gateway: repositories, the group-commit writer, presence, downlink and the MQTT server. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Bean
    UplinkCodec uplinkCodec() {
        return new UplinkCodec();
    }

    @Bean
    CommandCodec commandCodec() {
        return new CommandCodec();
    }

    @Bean
    DeviceDirectory deviceDirectory(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new DeviceDirectory(jdbc, tx);
    }

    @Bean
    IngestRepository ingestRepository(DataSource dataSource) {
        return new IngestRepository(dataSource);
    }

    @Bean
    PresenceRepository presenceRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new PresenceRepository(jdbc, tx);
    }

    @Bean
    CommandRepository commandRepository(JdbcTemplate jdbc) {
        return new CommandRepository(jdbc);
    }

    @Bean
    SessionRepository sessionRepository(JdbcTemplate jdbc) {
        return new SessionRepository(jdbc);
    }

    @Bean
    SessionRegistry sessionRegistry(GatewayMetrics metrics) {
        SessionRegistry registry = new SessionRegistry();
        metrics.gauge("anxin.gateway.connections", "Authenticated device connections", registry::size);
        return registry;
    }

    @Bean
    ReadGate readGate(GatewayProperties p, GatewayMetrics metrics) {
        ReadGate gate = new ReadGate(p.limits().inflightPerConnection(), p.limits().inflightGlobal());
        metrics.gauge("anxin.gateway.inflight", "Messages waiting for their commit", gate::inflight);
        metrics.gauge("anxin.gateway.paused", "Connections paused for the global backlog", gate::pausedConnections);
        return gate;
    }

    /** Presence writes, session state, command reads and housekeeping: small database work off the event loops. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService gatewayScheduler() {
        return Executors.newScheduledThreadPool(2, new CustomizableThreadFactory("gateway-db-"));
    }

    /** Command reads and session-state writes: bounded, so a SUBSCRIBE or NOTIFY storm cannot queue unbounded work. */
    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor downlinkExecutor(GatewayProperties p) {
        int threads = p.downlink().dbThreads();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(p.downlink().dbQueue()), new CustomizableThreadFactory("gateway-downlink-"));
    }

    @Bean
    RecentLogins recentLogins(GatewayProperties p) {
        return new RecentLogins(p.auth().recentTtl(), p.auth().recentMax());
    }

    @Bean
    DeviceAuthenticator deviceAuthenticator(DeviceDirectory directory, RecentLogins recent) {
        return new DeviceAuthenticator(directory, recent);
    }

    @Bean
    LoginLimiter loginLimiter(GatewayProperties p) {
        GatewayProperties.Auth a = p.auth();
        return new LoginLimiter(new LoginLimiter.Rate(a.deviceFailuresPerSecond(), a.deviceFailureBurst()),
                new LoginLimiter.Rate(a.prefixFailuresPerSecond(), a.prefixFailureBurst()), a.recentMax());
    }

    @Bean
    LoginGate loginGate(DeviceAuthenticator authenticator, DeviceDirectory directory, SessionRepository sessions,
                        RecentLogins recent, LoginLimiter limiter, GatewayProperties p, GatewayMetrics metrics) {
        GatewayProperties.Auth a = p.auth();
        LoginGate gate = new LoginGate(authenticator, directory, sessions, recent, limiter, a.threads(),
                a.queueCapacity(), a.maxPerAddress(), a.failureDelay());
        metrics.gauge("anxin.gateway.logins.pending", "Logins waiting for their check", gate::pending);
        metrics.gauge("anxin.gateway.logins.throttled", "Device ids and prefixes with failed logins tracked",
                limiter::tracked);
        return gate;
    }

    @Bean
    ConnectionLimitHandler connectionLimitHandler(GatewayProperties p, GatewayMetrics metrics) {
        return new ConnectionLimitHandler(p.limits().maxConnections(), p.limits().maxSocketsPerAddress(), metrics);
    }

    @Bean
    SessionNotifications sessionNotifications(DataSource dataSource, SessionRegistry registry, RecentLogins recent,
                                              GatewayMetrics metrics, GatewayProperties p) {
        return new SessionNotifications(dataSource, registry, recent, metrics, p.nodeId());
    }

    @Bean
    DeviceActivityTracker deviceActivityTracker(PresenceRepository repository) {
        return new DeviceActivityTracker(repository);
    }

    @Bean
    CarePlanCache carePlanCache(DeviceDirectory directory, GatewayProperties p, Clock clock, GatewayMetrics metrics) {
        return new CarePlanCache(directory, p.ingest().carePlanTtl(), clock, metrics::carePlanUnreadable);
    }

    @Bean
    GroupCommitWriter groupCommitWriter(IngestRepository repository, CarePlanCache plans,
                                        DeviceActivityTracker activity, GatewayMetrics metrics, GatewayProperties p,
                                        Clock clock) {
        return new GroupCommitWriter(repository, new MessageRows(), plans, activity, metrics, p, clock);
    }

    @Bean
    PresenceTracker presenceTracker(PresenceRepository repository, SessionRegistry registry,
                                    ScheduledExecutorService gatewayScheduler, GatewayProperties p,
                                    Clock clock) {
        PresenceTracker tracker = new PresenceTracker(repository, registry, gatewayScheduler, p.nodeId(),
                p.presence().offlineGrace(), clock);
        tracker.releaseHeldBefore(clock.instant());
        return tracker;
    }

    @Bean
    CommandDispatcher commandDispatcher(CommandRepository repository, SessionRegistry registry,
                                        GatewayMetrics metrics, ScheduledExecutorService gatewayScheduler,
                                        ThreadPoolExecutor downlinkExecutor, DataSource dataSource,
                                        GatewayProperties p) {
        return new CommandDispatcher(repository, registry, new CommandMapper(), metrics, gatewayScheduler,
                downlinkExecutor, dataSource, p.downlink().pollInterval(), p.downlink().maxAttempts());
    }

    @Bean
    SessionLifecycle sessionLifecycle(SessionRegistry registry, PresenceTracker presence, CommandDispatcher downlink,
                                      GroupCommitWriter writer, UplinkCodec codec, Clock clock) {
        return new SessionLifecycle(registry, presence, downlink, writer, codec, clock);
    }

    @Bean
    MqttServices mqttServices(GatewayProperties p, GatewayMetrics metrics, Clock clock, SessionRegistry registry,
                              SessionLifecycle lifecycle, LoginGate login, ConnectionLimitHandler connectionLimit,
                              SessionRepository sessions, ThreadPoolExecutor downlinkExecutor,
                              UplinkCodec uplinkCodec, CommandCodec commandCodec, GroupCommitWriter writer,
                              ReadGate gate, CommandDispatcher downlink, DeviceActivityTracker activity) {
        return new MqttServices(p, metrics, clock, registry, lifecycle, login, connectionLimit,
                TrustedNetworks.of(p.proxy().trustedAddresses()), sessions, downlinkExecutor, uplinkCodec,
                commandCodec, writer, gate, downlink, activity);
    }

    @Bean
    MqttServer mqttServer(MqttServices services, GroupCommitWriter writer) {
        return new MqttServer(services, writer::backlog);
    }

    @Bean
    WatchServer watchServer(GatewayProperties p, GatewayMetrics metrics, Clock clock, SessionRegistry registry,
                            SessionLifecycle lifecycle, LoginGate login, ConnectionLimitHandler connectionLimit,
                            GroupCommitWriter writer, ReadGate gate, CommandDispatcher downlink) {
        return new WatchServer(new WatchServices(p, metrics, clock, registry, lifecycle, login, connectionLimit,
                TrustedNetworks.of(p.proxy().trustedAddresses()), writer, gate, downlink), writer::backlog);
    }

    @Bean
    MqttHealthIndicator mqttHealthIndicator(MqttServer server, WatchServer watch, GroupCommitWriter writer, SessionRegistry registry,
                                            ReadGate gate, CommandDispatcher downlink, CarePlanCache carePlans) {
        return new MqttHealthIndicator(server, watch, writer, registry, gate, downlink, carePlans);
    }

    @Bean
    Housekeeping housekeeping(ScheduledExecutorService gatewayScheduler, DeviceActivityTracker activity,
                              RecentLogins recent, LoginLimiter limiter, GatewayProperties p) {
        return new Housekeeping(gatewayScheduler, activity, recent, limiter, p);
    }
}
