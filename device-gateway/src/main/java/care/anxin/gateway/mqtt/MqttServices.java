package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.auth.DeviceAuthenticator;
import care.anxin.gateway.auth.LoginThrottle;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.lifecycle.SessionLifecycle;
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
 * @param authExecutor secret checks, off the event loops
 * @param db           small database work (session state) off the event loops
 */
public record MqttServices(GatewayProperties properties, GatewayMetrics metrics, Clock clock,
                           SessionRegistry registry, SessionLifecycle lifecycle,
                           DeviceAuthenticator authenticator, LoginThrottle throttle, Executor authExecutor,
                           SessionRepository sessions, Executor db,
                           UplinkCodec uplinkCodec, CommandCodec commandCodec, GroupCommitWriter writer,
                           ReadGate gate, CommandDispatcher downlink, DeviceActivityTracker activity) {
}
