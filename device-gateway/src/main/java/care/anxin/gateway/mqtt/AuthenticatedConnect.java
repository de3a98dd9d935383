package care.anxin.gateway.mqtt;

import care.anxin.store.ingest.DeviceCredentials;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import java.util.Optional;

/**
 * A CONNECT whose device passed authentication, passed from {@link AuthHandler} to
 * {@link ConnectHandler}; {@code storedSession} is the persistent session, if one was resumed.
 */
record AuthenticatedConnect(MqttConnectMessage connect, DeviceCredentials device, Optional<Boolean> storedSession) {

    boolean mqtt5() {
        return connect.variableHeader().version() == 5;
    }
}
