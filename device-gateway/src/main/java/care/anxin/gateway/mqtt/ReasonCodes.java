package care.anxin.gateway.mqtt;

/** MQTT 5 reason codes the gateway sends (protocol.md "What the platform answers"). */
public final class ReasonCodes {
    public static final byte SUCCESS = 0x00;
    public static final byte UNSPECIFIED_ERROR = (byte) 0x80;
    public static final byte MALFORMED_PACKET = (byte) 0x81;
    public static final byte PROTOCOL_ERROR = (byte) 0x82;
    public static final byte NOT_AUTHORIZED = (byte) 0x87;
    public static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    public static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    public static final byte ADMINISTRATIVE_ACTION = (byte) 0x98;
    public static final byte SERVER_BUSY = (byte) 0x89;
    public static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
    public static final byte PACKET_TOO_LARGE = (byte) 0x95;
    public static final byte MESSAGE_RATE_TOO_HIGH = (byte) 0x96;
    public static final byte QUOTA_EXCEEDED = (byte) 0x97;
    public static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
    public static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;
    /** MQTT 3.1.1 SUBACK failure. */
    public static final byte SUBACK_FAILURE_V3 = (byte) 0x80;

    private ReasonCodes() {
    }
}
