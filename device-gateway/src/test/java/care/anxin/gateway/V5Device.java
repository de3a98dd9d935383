package care.anxin.gateway;

import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 device that reports PUBACK reason codes and the server's DISCONNECT reason. */
public final class V5Device implements AutoCloseable {

    public final MqttAsyncClient client;
    public final CompletableFuture<Integer> disconnectReason = new CompletableFuture<>();

    public V5Device(String uri, Fleet.Device d) throws MqttException {
        client = new MqttAsyncClient(uri, d.id(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                disconnectReason.complete(r.getReturnCode());
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect(Clients.v5Options(d.id(), d.secret())).waitForCompletion(10_000);
    }

    /** Publishes and returns the PUBACK reason code (Paho reports codes >= 0x80 as exceptions). */
    public int publish(String topic, byte[] payload, int qos) throws MqttException {
        IMqttToken token = client.publish(topic, payload, qos, false);
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                return e.getReasonCode();
            }
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(100);
            }
            client.close(true);
        } catch (MqttException ignored) {
            // test cleanup
        }
    }
}
