package care.anxin.system;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An elder's one-key handset speaking docs/protocol.md over Eclipse Paho. */
final class Handset implements AutoCloseable {

    private final MqttClient client;
    private final String deviceId;
    private final AtomicInteger sequence = new AtomicInteger();
    final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

    Handset(String mqttUri, String deviceId, String secret) throws MqttException {
        this.deviceId = deviceId;
        client = new MqttClient(mqttUri, deviceId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(deviceId);
        options.setPassword(secret.toCharArray());
        options.setCleanSession(false);
        client.connect(options);
        client.subscribe("anxin/v1/" + deviceId + "/down/command", 1,
                (topic, message) -> commands.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    /** Presses the emergency button; returns once the gateway has acknowledged (QoS 1). */
    void pressSos(double lat, double lon) throws MqttException {
        String sos = "{\"msgId\":\"" + deviceId + "-" + sequence.incrementAndGet() + "\",\"ts\":\"" + OffsetDateTime.now()
                + "\",\"type\":\"SOS\",\"lat\":" + lat + ",\"lon\":" + lon + ",\"battery\":71}";
        client.publish("anxin/v1/" + deviceId + "/up/event", sos.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
