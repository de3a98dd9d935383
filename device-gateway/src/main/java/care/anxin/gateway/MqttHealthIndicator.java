package care.anxin.gateway;

import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ingest.CarePlanCache;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.watch.WatchServer;
import care.anxin.gateway.session.ReadGate;
import care.anxin.gateway.session.SessionRegistry;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the device edge: DOWN when the MQTT or the watch listener (when on) is not bound, ingest commits are failing
 * (devices get no acknowledgements) or an urgent message is being retried after the database
 * refused it; details show connections, backlog, the LISTEN state and unreadable care plans.
 */
public class MqttHealthIndicator implements HealthIndicator {

    private final MqttServer server;
    private final WatchServer watch;
    private final GroupCommitWriter writer;
    private final SessionRegistry registry;
    private final ReadGate gate;
    private final CommandDispatcher downlink;
    private final CarePlanCache carePlans;

    public MqttHealthIndicator(MqttServer server, WatchServer watch, GroupCommitWriter writer, SessionRegistry registry, ReadGate gate,
                               CommandDispatcher downlink, CarePlanCache carePlans) {
        this.carePlans = carePlans;
        this.server = server;
        this.watch = watch;
        this.writer = writer;
        this.registry = registry;
        this.gate = gate;
        this.downlink = downlink;
    }

    @Override
    public Health health() {
        Instant failingSince = writer.failingSince();
        int urgentRetrying = writer.urgentRetrying();
        Health.Builder h = server.listening() && watch.healthy() && failingSince == null && urgentRetrying == 0 ? Health.up() : Health.down();
        h.withDetail("port", server.port());
        if (server.tlsPort() > 0) {
            h.withDetail("tlsPort", server.tlsPort());
        }
        if (watch.port() > 0) {
            h.withDetail("watchPort", watch.port());
        }
        h.withDetail("connections", registry.size())
                .withDetail("backlog", writer.backlog())
                .withDetail("inflight", gate.inflight())
                .withDetail("pausedConnections", gate.pausedConnections())
                .withDetail("commandListener", downlink.listening() ? "connected" : "reconnecting");
        if (urgentRetrying > 0) {
            h.withDetail("urgentRetrying", urgentRetrying);
        }
        var unreadable = carePlans.unreadable();
        if (!unreadable.isEmpty()) {
            // Elders classified with the age defaults until someone corrects their stored plan.
            java.util.Map<String, String> reasons = new java.util.TreeMap<>();
            unreadable.forEach((elder, problem) -> reasons.put(elder.toString(), problem.reason()));
            h.withDetail("unreadableCarePlans", reasons);
        }
        if (failingSince != null) {
            h.withDetail("ingestFailingSince", failingSince.toString());
        }
        return h.build();
    }
}
