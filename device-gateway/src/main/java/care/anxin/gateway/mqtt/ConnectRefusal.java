package care.anxin.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/** Why a CONNECT was refused, with the MQTT 3.1.1 return code and MQTT 5 reason code (protocol.md). */
public enum ConnectRefusal {
    BAD_CREDENTIALS(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
            MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD),
    NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
            MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    CLIENT_ID_INVALID(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
            MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID),
    CONNECTION_RATE_EXCEEDED(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED),
    QUOTA_EXCEEDED(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED),
    SERVER_UNAVAILABLE(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);

    private final MqttConnectReturnCode v3;
    private final MqttConnectReturnCode v5;

    ConnectRefusal(MqttConnectReturnCode v3, MqttConnectReturnCode v5) {
        this.v3 = v3;
        this.v5 = v5;
    }

    public MqttConnectReturnCode code(boolean mqtt5) {
        return mqtt5 ? v5 : v3;
    }

    /** Metric tag. */
    public String tag() {
        return name().toLowerCase();
    }
}
