package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** Presence: online on CONNECT, offline only after the grace period, will messages, keepalive, takeover. */
class MqttPresenceTest extends GatewayTestBase {

    @Test
    void onlineOnConnectOfflineAfterGrace() throws Exception {
        Fleet.Device d = fleet.device("WB");
        MqttClient c = Clients.v3Connected(uri(), d, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> kinds(d).contains("DEVICE_ONLINE"));
        assertThat(jdbc.queryForMap("SELECT online, gateway_node FROM device WHERE id = ?", d.id()))
                .containsEntry("online", true).containsEntry("gateway_node", "test-gw");
        assertThat(jdbc.queryForObject("SELECT payload->>'reason' FROM device_event WHERE device_id = ? AND kind = 'DEVICE_ONLINE'",
                String.class, d.id())).isEqualTo("connect");
        c.disconnect();
        c.close();
        assertThat(kinds(d)).doesNotContain("DEVICE_OFFLINE");
        await().atMost(Duration.ofSeconds(6)).until(() -> kinds(d).contains("DEVICE_OFFLINE"));
        assertThat(jdbc.queryForObject("""
                SELECT payload->>'reason' || '@' || (payload->>'gateway') FROM device_event
                WHERE device_id = ? AND kind = 'DEVICE_OFFLINE'""", String.class, d.id())).isEqualTo("disconnect@test-gw");
        assertThat(jdbc.queryForObject("SELECT online FROM device WHERE id = ?", Boolean.class, d.id())).isFalse();
    }

    @Test
    void reconnectWithinGraceIsNotReportedOffline() throws Exception {
        Fleet.Device d = fleet.device("WB");
        MqttClient c = Clients.v3Connected(uri(), d, true);
        c.disconnect();
        c.connect(Clients.v3Options(d.id(), d.secret(), true));
        Thread.sleep(2500);
        try {
            assertThat(kinds(d)).containsExactly("DEVICE_ONLINE");
        } finally {
            Clients.closeQuietly(c);
        }
    }

    @Test
    void lostConnectionPublishesTheWillAndReportsOffline() throws Exception {
        Fleet.Device d = fleet.device("WB");
        byte[] will = ("{\"msgId\":\"will\",\"ts\":\"" + Payloads.now() + "\",\"online\":false}").getBytes(StandardCharsets.UTF_8);
        try (RawMqtt raw = RawMqtt.open(server.port())) {
            raw.send(MqttMessageBuilders.connect().clientId(d.id()).username(d.id())
                    .password(d.secret().getBytes(StandardCharsets.UTF_8)).protocolVersion(MqttVersion.MQTT_3_1_1)
                    .cleanSession(true).keepAlive(30).willFlag(true).willQoS(MqttQoS.AT_LEAST_ONCE)
                    .willTopic(Payloads.topic(d.id(), "status")).willMessage(will).build());
            assertThat(raw.next(Duration.ofSeconds(10)).fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
        } // closed without DISCONNECT
        await().atMost(Duration.ofSeconds(6)).until(() -> kinds(d).contains("DEVICE_OFFLINE"));
        assertThat(jdbc.queryForObject("SELECT payload->>'reason' FROM device_event WHERE device_id = ? AND kind = 'DEVICE_OFFLINE'",
                String.class, d.id())).isEqualTo("will");
        // Every will uses msgId "will": it writes no rows, so it claims no de-duplication key that
        // could make the next will (or any later message) look like a duplicate.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup WHERE device_id = ?", Integer.class, d.id())).isZero();
    }

    @Test
    void silentDeviceIsDisconnectedAfterOneAndAHalfKeepalives() throws Exception {
        Fleet.Device d = fleet.device("WB");
        try (RawMqtt raw = RawMqtt.open(server.port())) {
            raw.send(MqttMessageBuilders.connect().clientId(d.id()).username(d.id())
                    .password(d.secret().getBytes(StandardCharsets.UTF_8)).protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(true).keepAlive(1).build());
            assertThat(raw.next(Duration.ofSeconds(10)).fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
            MqttMessage m = raw.next(Duration.ofSeconds(5));
            assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode()).isEqualTo((byte) 0x8D);
            assertThat(raw.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
        await().atMost(Duration.ofSeconds(6)).until(() -> kinds(d).contains("DEVICE_OFFLINE"));
        assertThat(jdbc.queryForObject("SELECT payload->>'reason' FROM device_event WHERE device_id = ? AND kind = 'DEVICE_OFFLINE'",
                String.class, d.id())).isEqualTo("keepalive");
    }

    @Test
    void secondConnectionTakesOverTheSession() throws Exception {
        Fleet.Device d = fleet.device("HS");
        try (V5Device first = new V5Device(uri(), d); V5Device second = new V5Device(uri(), d)) {
            assertThat(first.disconnectReason.get(5, TimeUnit.SECONDS)).isEqualTo(0x8E);
            Thread.sleep(2000);
            assertThat(second.client.isConnected()).isTrue();
            assertThat(kinds(d)).containsExactly("DEVICE_ONLINE");
            assertThat(second.publish(Payloads.topic(d.id(), "vitals"), Payloads.vitals(d.id() + "-1", 70), 1)).isZero();
        }
    }

    private List<String> kinds(Fleet.Device d) {
        return jdbc.queryForList("SELECT kind FROM device_event WHERE device_id = ? ORDER BY id", String.class, d.id());
    }
}
