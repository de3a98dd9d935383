package care.anxin.system;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Wristbands of other elders sending vitals that are all abnormal (four readings per message, each
 * one a VITAL_ABNORMAL event): {@code devices x messagesPerSecond x 4} abnormal readings per second.
 */
final class VitalsFlood implements AutoCloseable {

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    VitalsFlood(String mqttUri, List<CareCommunity.Account> wristbands, int messagesPerSecond) throws MqttException {
        for (CareCommunity.Account a : wristbands) {
            MqttAsyncClient c = new MqttAsyncClient(mqttUri, a.deviceId(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(a.deviceId());
            options.setPassword(a.secret().toCharArray());
            options.setMaxInflight(100);
            c.connect(options).waitForCompletion(20_000);
            clients.add(c);
        }
        long periodMicros = 1_000_000L / messagesPerSecond;
        ticker.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        for (MqttAsyncClient c : clients) {
            String id = c.getClientId();
            String body = "{\"msgId\":\"" + id + "-" + sent.incrementAndGet() + "\",\"ts\":\"" + OffsetDateTime.now()
                    + "\",\"readings\":[{\"code\":\"HR\",\"value\":150},{\"code\":\"SPO2\",\"value\":84},"
                    + "{\"code\":\"SBP\",\"value\":195},{\"code\":\"DBP\",\"value\":125}]}";
            try {
                c.publish("anxin/v1/" + id + "/up/vitals", body.getBytes(StandardCharsets.UTF_8), 1, false);
            } catch (MqttException e) {
                refused.incrementAndGet(); // in-flight window full: the gateway is applying backpressure
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnectForcibly(100, 100);
                c.close();
            } catch (MqttException ignored) {
                // test cleanup
            }
        }
    }
}
