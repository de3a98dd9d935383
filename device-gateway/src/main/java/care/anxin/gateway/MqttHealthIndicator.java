package care.anxin.gateway;

import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.session.ReadGate;
import care.anxin.gateway.session.SessionRegistry;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the device edge: DOWN when the MQTT listener is not bound or ingest commits are
 * failing (devices get no acknowledgements); details show connections, backlog and the LISTEN state.
 */
public class MqttHealthIndicator implements HealthIndicator {

    private final MqttServer server;
    private final GroupCommitWriter writer;
    private final SessionRegistry registry;
    private final ReadGate gate;
    private final CommandDispatcher downlink;

    public MqttHealthIndicator(MqttServer server, GroupCommitWriter writer, SessionRegistry registry, ReadGate gate,
                               CommandDispatcher downlink) {
        this.server = server;
        this.writer = writer;
        this.registry = registry;
        this.gate = gate;
        this.downlink = downlink;
    }

    @Override
    public Health health() {
        Instant failingSince = writer.failingSince();
        Health.Builder h = server.listening() && failingSince == null ? Health.up() : Health.down();
        h.withDetail("port", server.port());
        if (server.tlsPort() > 0) {
            h.withDetail("tlsPort", server.tlsPort());
        }
        h.withDetail("connections", registry.size())
                .withDetail("backlog", writer.backlog())
                .withDetail("inflight", gate.inflight())
                .withDetail("pausedConnections", gate.pausedConnections())
                .withDetail("commandListener", downlink.listening() ? "connected" : "reconnecting");
        if (failingSince != null) {
            h.withDetail("ingestFailingSince", failingSince.toString());
        }
        return h.build();
    }
}
