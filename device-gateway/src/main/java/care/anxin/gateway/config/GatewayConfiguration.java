package care.anxin.gateway.config;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.auth.DeviceAuthenticator;
import care.anxin.gateway.auth.LoginThrottle;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.downlink.CommandMapper;
import care.anxin.gateway.ingest.CarePlanCache;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.ingest.MessageRows;
import care.anxin.gateway.mqtt.ConnectHandler;
import care.anxin.gateway.mqtt.ConnectionLimitHandler;
import care.anxin.gateway.mqtt.DecodeFailureHandler;
import care.anxin.gateway.mqtt.DownlinkHandler;
import care.anxin.gateway.mqtt.IngestHandler;
import care.anxin.gateway.mqtt.KeepaliveHandler;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.mqtt.PublishGuardHandler;
import care.anxin.gateway.mqtt.ReadGate;
import care.anxin.gateway.mqtt.SessionEndHandler;
import care.anxin.gateway.mqtt.SessionRegistry;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.ops.MqttHealthIndicator;
import care.anxin.gateway.presence.PresenceTracker;
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
    DeviceDirectory deviceDirectory(JdbcTemplate jdbc) {
        return new DeviceDirectory(jdbc);
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

    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor authExecutor(GatewayProperties p) {
        int threads = p.auth().threads();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                new CustomizableThreadFactory("gateway-auth-"));
    }

    @Bean
    DeviceAuthenticator deviceAuthenticator(DeviceDirectory directory, GatewayProperties p) {
        return new DeviceAuthenticator(directory, p.auth().cacheTtl());
    }

    @Bean
    LoginThrottle loginThrottle(GatewayProperties p) {
        return new LoginThrottle(p.auth().maxFailuresPerAddress(), p.auth().failureWindow());
    }

    @Bean
    DeviceActivityTracker deviceActivityTracker(PresenceRepository repository) {
        return new DeviceActivityTracker(repository);
    }

    @Bean
    CarePlanCache carePlanCache(DeviceDirectory directory, GatewayProperties p, Clock clock) {
        return new CarePlanCache(directory, p.ingest().carePlanTtl(), clock);
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
                                        CommandCodec codec, GatewayMetrics metrics,
                                        ScheduledExecutorService gatewayScheduler, DataSource dataSource,
                                        GatewayProperties p) {
        return new CommandDispatcher(repository, registry, new CommandMapper(), codec, metrics, gatewayScheduler,
                dataSource, p.downlink().pollInterval(), p.downlink().maxAttempts());
    }

    @Bean
    MqttServer mqttServer(GatewayProperties p, GatewayMetrics metrics, SessionRegistry registry, ReadGate gate,
                          UplinkCodec codec, GroupCommitWriter writer, DeviceActivityTracker activity,
                          DeviceAuthenticator authenticator, LoginThrottle throttle, SessionRepository sessions,
                          PresenceTracker presence, CommandDispatcher downlink, ThreadPoolExecutor authExecutor,
                          ScheduledExecutorService gatewayScheduler, Clock clock) {
        ConnectHandler.Deps deps = new ConnectHandler.Deps(authenticator, throttle, registry, sessions, presence,
                downlink, metrics, p, authExecutor, clock);
        MqttServer.Handlers handlers = new MqttServer.Handlers(
                new ConnectionLimitHandler(p.limits().maxConnections(), metrics),
                new DecodeFailureHandler(metrics),
                new KeepaliveHandler(metrics),
                () -> new ConnectHandler(deps),
                new PublishGuardHandler(metrics, activity, clock),
                new IngestHandler(codec, writer, gate, metrics, clock),
                new DownlinkHandler(downlink, sessions, gatewayScheduler, metrics),
                new SessionEndHandler(registry, presence, writer, codec, clock));
        return new MqttServer(p, handlers, registry, writer::backlog);
    }

    @Bean
    MqttHealthIndicator mqttHealthIndicator(MqttServer server, GroupCommitWriter writer, SessionRegistry registry,
                                            ReadGate gate, CommandDispatcher downlink) {
        return new MqttHealthIndicator(server, writer, registry, gate, downlink);
    }

    @Bean
    Housekeeping housekeeping(ScheduledExecutorService gatewayScheduler, DeviceActivityTracker activity,
                              DeviceAuthenticator authenticator, LoginThrottle throttle, GatewayProperties p) {
        return new Housekeeping(gatewayScheduler, activity, authenticator, throttle, p);
    }
}
