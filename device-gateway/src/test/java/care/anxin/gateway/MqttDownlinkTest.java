package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Downlink commands: delivered QoS 1 to the connected device, marked on PUBACK, re-sent after reconnect. */
class MqttDownlinkTest extends GatewayTestBase {

    private static final String ALERT_ACK = """
            {"text":"已收到您的紧急呼叫，社区工作人员正在赶来，请保持电话畅通。",
             "textEn":"Your emergency call was received. Help from your care center is on the way."}""";

    @Test
    void queuedCommandIsPublishedAndMarkedDelivered() throws Exception {
        Fleet.Device d = fleet.device("HS");
        MqttClient c = Clients.v3Connected(uri(), d, true);
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        try {
            c.subscribe("anxin/v1/" + d.id() + "/down/command", 1,
                    (topic, m) -> inbox.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            long id = queue(d, "ALERT_ACK", ALERT_ACK);
            String payload = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(payload).contains("\"cmdId\":\"" + id + "\"").contains("ALERT_ACK").contains("社区工作人员");
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(id)));
        } finally {
            Clients.closeQuietly(c);
        }
    }

    @Test
    void unacknowledgedCommandIsResentAfterReconnect() throws Exception {
        Fleet.Device d = fleet.device("HS");
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        // First connection: persistent session, receives the command but never acknowledges it.
        MqttAsyncClient first = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
        first.setManualAcks(true);
        first.setCallback(collector(inbox));
        first.connect(Clients.v3Options(d.id(), d.secret(), false)).waitForCompletion(10_000);
        first.subscribe("anxin/v1/" + d.id() + "/down/command", 1).waitForCompletion(10_000);
        long id = queue(d, "MESSAGE", "{\"text\":\"今天下午三点社区体检\",\"textEn\":\"Health check at 3 pm\"}");
        assertThat(inbox.poll(10, TimeUnit.SECONDS)).contains("\"cmdId\":\"" + id + "\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(id)));
        first.disconnectForcibly(0, 100, false);
        first.close();

        // Second connection resumes the session without subscribing again and acknowledges.
        MqttClient second = Clients.v3(uri(), d.id());
        second.setCallback(collector(inbox));
        second.connect(Clients.v3Options(d.id(), d.secret(), false));
        try {
            assertThat(inbox.poll(10, TimeUnit.SECONDS)).contains("\"cmdId\":\"" + id + "\"");
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(id)));
            assertThat(jdbc.queryForObject("SELECT attempts FROM device_command WHERE id = ?", Integer.class, id))
                    .isEqualTo(2);
        } finally {
            Clients.closeQuietly(second);
        }
    }

    @Test
    void subscribingToAnotherDevicesCommandsIsRefused() throws Exception {
        Fleet.Device d = fleet.device("HS");
        Fleet.Device other = fleet.device("HS");
        MqttAsyncClient c = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
        c.connect(Clients.v3Options(d.id(), d.secret(), true)).waitForCompletion(10_000);
        try {
            var token = c.subscribe(new String[] {"anxin/v1/" + other.id() + "/down/command", "anxin/v1/#"},
                    new int[] {1, 1});
            token.waitForCompletion(10_000);
            assertThat(token.getGrantedQos()).containsExactly(0x80, 0x80);
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(0x80);
        } finally {
            c.disconnectForcibly(100, 100);
            c.close();
        }
    }

    private long queue(Fleet.Device d, String kind, String payload) {
        return jdbc.queryForObject("INSERT INTO device_command (device_id, kind, payload) VALUES (?, ?, ?::jsonb) RETURNING id",
                Long.class, d.id(), kind, payload);
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM device_command WHERE id = ?", String.class, id);
    }

    private static MqttCallback collector(BlockingQueue<String> inbox) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }
}
