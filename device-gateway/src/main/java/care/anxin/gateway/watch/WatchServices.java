package care.anxin.gateway.watch;

import care.anxin.gateway.auth.LoginGate;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.lifecycle.SessionLifecycle;
import care.anxin.gateway.net.ConnectionLimitHandler;
import care.anxin.gateway.net.TrustedNetworks;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.ReadGate;
import care.anxin.gateway.session.SessionRegistry;
import java.time.Clock;

/**
 * What the watch listener's handlers share — all of it protocol-neutral and the same instances the
 * MQTT listener uses (login, socket caps, lifecycle, ingest, backpressure, downlink).
 */
public record WatchServices(GatewayProperties properties, GatewayMetrics metrics, Clock clock,
                            SessionRegistry registry, SessionLifecycle lifecycle, LoginGate login,
                            ConnectionLimitHandler connectionLimit, TrustedNetworks trustedProxies,
                            GroupCommitWriter writer, ReadGate gate, CommandDispatcher downlink) {
}
