package care.anxin.system;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttMessage;
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
        pressSos(lat, lon, OffsetDateTime.now());
    }

    /** Presses the emergency button with the handset's own (possibly wrong) clock; returns once acknowledged. */
    void pressSos(double lat, double lon, OffsetDateTime deviceTime) throws MqttException {
        client.publish(eventTopic(), sos(lat, lon, deviceTime), 1, false);
    }

    /** Presses without waiting for the PUBACK (Paho keeps resending it until acknowledged). */
    MqttDeliveryToken pressSosAsync(double lat, double lon) throws MqttException {
        MqttMessage message = new MqttMessage(sos(lat, lon, OffsetDateTime.now()));
        message.setQos(1);
        return client.getTopic(eventTopic()).publish(message);
    }

    private String eventTopic() {
        return "anxin/v1/" + deviceId + "/up/event";
    }

    private byte[] sos(double lat, double lon, OffsetDateTime deviceTime) {
        String sos = "{\"msgId\":\"" + deviceId + "-" + sequence.incrementAndGet() + "-" + System.nanoTime()
                + "\",\"ts\":\"" + deviceTime + "\",\"type\":\"SOS\",\"lat\":" + lat + ",\"lon\":" + lon
                + ",\"battery\":71}";
        return sos.getBytes(StandardCharsets.UTF_8);
    }

    /** The next downlink command of this kind, skipping others; null after the timeout. */
    String nextCommand(String kind, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            String command = commands.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (command != null && command.contains("\"" + kind + "\"")) {
                return command;
            }
        }
        return null;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
