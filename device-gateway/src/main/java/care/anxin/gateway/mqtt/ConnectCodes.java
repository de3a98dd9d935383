package care.anxin.gateway.mqtt;

import care.anxin.gateway.auth.LoginRefusal;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/** CONNACK codes for a login refusal: MQTT 3.1.1 return code and MQTT 5 reason code (protocol.md). */
final class ConnectCodes {

    private ConnectCodes() {
    }

    static MqttConnectReturnCode of(LoginRefusal refusal, boolean mqtt5) {
        return switch (refusal) {
            case BAD_CREDENTIALS -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            case CLIENT_ID_INVALID -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            case CONNECTION_RATE_EXCEEDED -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case QUOTA_EXCEEDED -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case SERVER_BUSY -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case SERVER_UNAVAILABLE -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        };
    }
}
