package care.anxin.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/** Builds the packets the gateway answers with, in the dialect (3.1.1 or 5) of the connection. */
public final class MqttReplies {

    private MqttReplies() {
    }

    public static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent,
                                             MqttProperties properties) {
        return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, sessionPresent, properties));
    }

    /** PUBACK; the reason code and string are sent only on MQTT 5 (3.1.1 has none). */
    public static MqttMessage pubAck(boolean mqtt5, int packetId, byte reasonCode, String reason) {
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (mqtt5 && reason != null) {
            props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                    truncate(reason)));
        }
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, mqtt5 ? reasonCode : 0, props));
    }

    /** DISCONNECT with a reason (MQTT 5 only; a 3.1.1 server just closes the connection). */
    public static MqttMessage disconnect(byte reasonCode) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader(reasonCode, MqttProperties.NO_PROPERTIES));
    }

    private static String truncate(String reason) {
        return reason.length() > 512 ? reason.substring(0, 512) : reason;
    }
}
