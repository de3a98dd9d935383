package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.auth.LoginGate;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.lifecycle.SessionLifecycle;
import care.anxin.gateway.net.ConnectionLimitHandler;
import care.anxin.gateway.net.TrustedNetworks;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.ReadGate;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.store.ingest.SessionRepository;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Everything the MQTT pipeline's handlers share: the one dependency holder the listener is built
 * from (the shared parts — login, limits, ingest, presence, downlink — are protocol-neutral).
 *
 * @param login           admission and checking of logins (shared by protocols)
 * @param connectionLimit open sockets in total and per address (shared by listeners)
 * @param trustedProxies  load balancers allowed to send a PROXY protocol header
 * @param db              session-state writes, bounded, off the event loops
 */
public record MqttServices(GatewayProperties properties, GatewayMetrics metrics, Clock clock,
                           SessionRegistry registry, SessionLifecycle lifecycle,
                           LoginGate login, ConnectionLimitHandler connectionLimit, TrustedNetworks trustedProxies,
                           SessionRepository sessions, Executor db,
                           UplinkCodec uplinkCodec, CommandCodec commandCodec, GroupCommitWriter writer,
                           ReadGate gate, CommandDispatcher downlink, DeviceActivityTracker activity) {
}
