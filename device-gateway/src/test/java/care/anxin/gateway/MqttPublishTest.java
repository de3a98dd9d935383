package care.anxin.gateway;

import static care.anxin.gateway.Payloads.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Uplink PUBLISH: ack-after-commit, de-duplication, validation, ACL, limits, classification, urgent path. */
class MqttPublishTest extends GatewayTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void everyAcknowledgedMessageIsAlreadyInTheDatabase() throws Exception {
        List<MqttAsyncClient> clients = new ArrayList<>();
        List<Fleet.Device> devices = new ArrayList<>();
        List<IMqttDeliveryToken> tokens = new ArrayList<>();
        List<String[]> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Fleet.Device d = fleet.device("WB");
                MqttAsyncClient c = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
                c.connect(Clients.v3Options(d.id(), d.secret(), true)).waitForCompletion(10_000);
                clients.add(c);
                devices.add(d);
            }
            for (int n = 0; n < 30; n++) {
                for (int i = 0; i < clients.size(); i++) {
                    String msgId = devices.get(i).id() + "-" + n;
                    tokens.add(clients.get(i).publish(topic(devices.get(i).id(), "vitals"), Payloads.vitals(msgId, 72), 1, false));
                    sent.add(new String[] {devices.get(i).id(), msgId});
                }
            }
            for (int k = 0; k < tokens.size(); k++) {
                tokens.get(k).waitForCompletion(20_000);
                // The PUBACK arrived: the rows must be committed already.
                String[] key = sent.get(k);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup WHERE device_id = ? AND msg_id = ?",
                        Integer.class, key[0], key[1])).as("acked %s", key[1]).isEqualTo(1);
            }
            for (Fleet.Device d : devices) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Integer.class, d.id()))
                        .isEqualTo(30 * 4);
            }
        } finally {
            for (MqttAsyncClient c : clients) {
                c.disconnectForcibly(100, 100);
                c.close();
            }
        }
    }

    @Test
    void redeliveredMessagesAreStoredOnceButAReusedMsgIdWithNewContentIsNew() throws Exception {
        Fleet.Device d = fleet.device("WB");
        MqttAsyncClient c = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
        c.connect(Clients.v3Options(d.id(), d.secret(), true)).waitForCompletion(10_000);
        try {
            String msgId = d.id() + "-dup";
            byte[] payload = Payloads.vitals(msgId, 72); // a redelivery resends the same bytes
            // Three copies in a burst (likely one batch), then one more after they were acknowledged.
            List<IMqttDeliveryToken> burst = List.of(
                    c.publish(topic(d.id(), "vitals"), payload, 1, false),
                    c.publish(topic(d.id(), "vitals"), payload, 1, false),
                    c.publish(topic(d.id(), "vitals"), payload, 1, false));
            for (IMqttDeliveryToken t : burst) {
                t.waitForCompletion(10_000);
            }
            c.publish(topic(d.id(), "vitals"), payload, 1, false).waitForCompletion(10_000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup WHERE device_id = ?", Integer.class, d.id()))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Integer.class, d.id()))
                    .isEqualTo(4);
            // The device is reset and its counter starts again: the same msgId with new content is a new message.
            c.publish(topic(d.id(), "vitals"), Payloads.vitals(msgId, 95), 1, false).waitForCompletion(10_000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Integer.class, d.id()))
                    .isEqualTo(8);
            assertThat(jdbc.queryForList("SELECT value FROM observation WHERE device_id = ? AND code = 'HR' ORDER BY value",
                    Double.class, d.id())).containsExactly(72.0, 95.0);
        } finally {
            c.disconnectForcibly(100, 100);
            c.close();
        }
    }

    @Test
    void invalidPayloadIsAnswered0x99AndKept() throws Exception {
        Fleet.Device d = fleet.device("WB");
        try (V5Device v5 = new V5Device(uri(), d)) {
            int code = v5.publish(topic(d.id(), "status"), "battery=81".getBytes(StandardCharsets.UTF_8), 1);
            assertThat(code).isEqualTo(0x99);
            int implausible = v5.publish(topic(d.id(), "vitals"), ("{\"msgId\":\"x1\",\"ts\":\"" + Payloads.now()
                    + "\",\"readings\":[{\"code\":\"HR\",\"value\":400}]}").getBytes(StandardCharsets.UTF_8), 1);
            assertThat(implausible).isEqualTo(0x99);
            assertThat(v5.client.isConnected()).isTrue();
        }
        List<String> reasons = jdbc.queryForList(
                "SELECT reason FROM rejected_message WHERE device_id = ? AND reason_code = 153 ORDER BY id", String.class, d.id());
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("payload");
        assertThat(reasons.get(1)).contains("readings[0].value");
        // MQTT 3.1.1 has no negative PUBACK: acknowledged, and kept just the same.
        Fleet.Device d3 = fleet.device("WB");
        MqttClient c3 = Clients.v3Connected(uri(), d3, true);
        try {
            c3.publish(topic(d3.id(), "status"), "not json".getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            Clients.closeQuietly(c3);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_message WHERE device_id = ?", Integer.class, d3.id()))
                .isEqualTo(1);
    }

    @Test
    void publishingUnderAnotherDeviceIdIsRefused() throws Exception {
        Fleet.Device d = fleet.device("WB");
        Fleet.Device other = fleet.device("WB");
        try (V5Device v5 = new V5Device(uri(), d)) {
            assertThat(v5.publish(topic(other.id(), "vitals"), Payloads.vitals("acl-1", 70), 1)).isEqualTo(0x87);
            assertThat(v5.publish("some/other/topic", Payloads.vitals("acl-2", 70), 1)).isEqualTo(0x87);
            assertThat(v5.publish(topic(d.id(), "vitals"), Payloads.vitals("own-1", 70), 1)).isZero();
        }
        MqttClient c3 = Clients.v3Connected(uri(), d, true);
        try {
            c3.setTimeToWait(3000);
            try {
                c3.publish(topic(other.id(), "vitals"), Payloads.vitals("acl-3", 70), 1, false);
            } catch (Exception expected) {
                // the connection is closed under the client
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !c3.isConnected());
        } finally {
            Clients.closeQuietly(c3);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup WHERE device_id = ?", Integer.class, other.id()))
                .isZero();
    }

    @Test
    void oversizePacketsAndQos2AreRefusedWithReason() throws Exception {
        Fleet.Device d = fleet.device("WB");
        try (RawMqtt raw = RawMqtt.open(server.port())) {
            assertThat(raw.login(d, MqttVersion.MQTT_5).fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
            raw.publish(topic(d.id(), "vitals"), new byte[20_000], MqttQoS.AT_LEAST_ONCE, 1);
            assertThat(disconnectReason(raw)).isEqualTo(0x95);
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        try (RawMqtt raw = RawMqtt.open(server.port())) {
            raw.login(d, MqttVersion.MQTT_5);
            raw.publish(topic(d.id(), "vitals"), Payloads.vitals("q2", 70), MqttQoS.EXACTLY_ONCE, 1);
            assertThat(disconnectReason(raw)).isEqualTo(0x9B);
        }
        try (RawMqtt raw = RawMqtt.open(server.port())) {
            raw.login(d, MqttVersion.MQTT_3_1_1);
            raw.publish(topic(d.id(), "vitals"), new byte[20_000], MqttQoS.AT_LEAST_ONCE, 1);
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void tooManyMessagesPerSecondDisconnectWith0x96() throws Exception {
        Fleet.Device d = fleet.device("WB");
        try (V5Device v5 = new V5Device(uri(), d)) {
            for (int i = 0; i < 100 && v5.client.isConnected(); i++) {
                try {
                    v5.client.publish(topic(d.id(), "status"), Payloads.status(d.id() + "-r" + i, 80), 0, false);
                } catch (Exception e) {
                    break;
                }
            }
            assertThat(v5.disconnectReason.get(10, TimeUnit.SECONDS)).isEqualTo(0x96);
        }
    }

    @Test
    void abnormalReadingRaisesVitalAbnormalEvent() throws Exception {
        long elder = fleet.elder("{\"thresholds\":{\"HR\":{\"criticalLow\":40,\"low\":50,\"high\":110,\"criticalHigh\":130}}}");
        Fleet.Device d = fleet.device("WB", elder, true);
        MqttClient c = Clients.v3Connected(uri(), d, true);
        try {
            c.publish(topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-n", 72), 1, false);
            c.publish(topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-a", 140), 1, false);
        } finally {
            Clients.closeQuietly(c);
        }
        var rows = jdbc.queryForList("""
                SELECT kind, msg_id, elder_id, payload->>'code' AS code, payload->>'classification' AS cls,
                       (payload->>'value')::float8 AS value, (payload->>'high')::float8 AS high
                FROM device_event WHERE device_id = ? AND kind = 'VITAL_ABNORMAL'""", d.id());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("msg_id", d.id() + "-a").containsEntry("elder_id", elder)
                .containsEntry("code", "HR").containsEntry("cls", "CRITICAL_HIGH").containsEntry("value", 140.0)
                .containsEntry("high", 110.0);
    }

    @Test
    void sosIsCommittedAndAcknowledgedWhileBatchesAreStuck() throws Exception {
        Fleet.Device d = fleet.device("HS");
        MqttAsyncClient c = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
        c.connect(Clients.v3Options(d.id(), d.secret(), true)).waitForCompletion(10_000);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE observation IN ACCESS EXCLUSIVE MODE");
            IMqttDeliveryToken vitals = c.publish(topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-v", 72), 1, false);
            Thread.sleep(500);
            IMqttDeliveryToken sos = c.publish(topic(d.id(), "event"), Payloads.event(d.id() + "-sos", "SOS"), 1, false);
            sos.waitForCompletion(5_000);
            assertThat(sos.isComplete()).isTrue();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS'",
                    Integer.class, d.id())).isEqualTo(1);
            // The vitals batch is still waiting for the lock: not acknowledged, not stored.
            assertThat(vitals.isComplete()).isFalse();
            lock.rollback();
            vitals.waitForCompletion(10_000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Integer.class, d.id()))
                    .isEqualTo(4);
        } finally {
            c.disconnectForcibly(100, 100);
            c.close();
        }
    }

    @Test
    void heartbeatsUpdateBatteryAndLastSeenInBatches() throws Exception {
        Fleet.Device d = fleet.device("WB");
        MqttClient c = Clients.v3Connected(uri(), d, true);
        try {
            c.publish(topic(d.id(), "status"), Payloads.status(d.id() + "-s", 55), 1, false);
        } finally {
            Clients.closeQuietly(c);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForMap(
                "SELECT battery_pct::int AS battery, firmware, last_seen_at IS NOT NULL AS seen FROM device WHERE id = ?",
                d.id())).containsEntry("battery", 55).containsEntry("firmware", "2.4.1").containsEntry("seen", true));
    }

    private static int disconnectReason(RawMqtt raw) throws InterruptedException {
        MqttMessage m = raw.next(Duration.ofSeconds(5));
        assertThat(m).isNotNull();
        assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        return ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode() & 0xFF;
    }
}
