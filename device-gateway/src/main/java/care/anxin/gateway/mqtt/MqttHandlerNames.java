package care.anxin.gateway.mqtt;

import care.anxin.gateway.net.ConnectionLimitHandler;
import care.anxin.gateway.net.ProxyProtocolHandler;

/**
 * Names of the MQTT pipeline's handlers, in pipeline order. One handler per concern; the
 * CONNECT-phase handlers (deadline, barrier) remove themselves once the CONNACK is out.
 */
public final class MqttHandlerNames {
    /** Real address: PROXY protocol from trusted load balancers, refused from anybody else. */
    public static final String PROXY_PROTOCOL = ProxyProtocolHandler.NAME;
    public static final String TLS = "tls";
    public static final String CONNECT_DEADLINE = "connectDeadline";
    public static final String CONNECTION_LIMIT = ConnectionLimitHandler.NAME;
    /** Added before the decoder at CONNACK: 1.5 x keepalive of silence ends the connection. */
    public static final String KEEPALIVE_TIMER = "keepaliveTimer";
    public static final String DECODER = "decoder";
    public static final String ENCODER = "encoder";
    public static final String DECODE_FAILURE = "decodeFailure";
    public static final String MESSAGE_BARRIER = "messageBarrier";
    public static final String AUTH = "auth";
    public static final String CONNECT = "connect";
    public static final String KEEPALIVE = "keepalive";
    public static final String CONTROL_GUARD = "controlGuard";
    public static final String PING = "ping";
    public static final String PUBLISH_GUARD = "publishGuard";
    public static final String INGEST = "ingest";
    public static final String DOWNLINK = "downlink";
    public static final String DISCONNECT = "disconnect";
    public static final String EXCEPTION = "exception";

    private MqttHandlerNames() {
    }
}
