package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.store.test.TestDatabase;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two gateway processes' worth of Spring contexts on one database, as behind a round-robin load
 * balancer: a device that moves from gateway A to gateway B is taken over cleanly (A closes its
 * session with 0x8E, fires no will, reports no offline), presence follows it, and a command
 * queued afterwards reaches it on B.
 */
class TwoGatewaysTest {

    private static final String URL = TestDatabase.newDatabaseUrl();
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoGateways() {
        a = gateway("gw-a");
        b = gateway("gw-b");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static ConfigurableApplicationContext gateway(String node) {
        return new SpringApplicationBuilder(GatewayApplication.class).web(WebApplicationType.NONE).run(
                "--spring.datasource.url=" + URL, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--anxin.gateway.port=0", "--anxin.gateway.watch.port=0",
                "--anxin.gateway.bind-address=127.0.0.1", "--anxin.gateway.node-id=" + node,
                "--anxin.gateway.presence.offline-grace=1s", "--anxin.gateway.downlink.poll-interval=2s",
                "--anxin.gateway.auth.failure-delay=50ms", "--anxin.gateway.ingest.activity-flush=300ms");
    }

    private static int port(ConfigurableApplicationContext gw) {
        return gw.getBean(MqttServer.class).port();
    }

    @Test
    void aDeviceMovingBetweenGatewaysIsTakenOverAndReachedByDownlink() throws Exception {
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        Fleet.Device d = new Fleet(jdbc).device("HS");
        // A fired will would leave its mark: battery 7 % in the device row (status messages update it).
        byte[] will = ("{\"msgId\":\"will-2gw\",\"ts\":\"" + Payloads.now() + "\",\"online\":false,\"battery\":7}")
                .getBytes(StandardCharsets.UTF_8);
        try (RawMqtt onA = RawMqtt.open(port(a))) {
            onA.send(MqttMessageBuilders.connect().clientId(d.id()).username(d.id())
                    .password(d.secret().getBytes(StandardCharsets.UTF_8)).protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(true).keepAlive(30).willFlag(true).willQoS(MqttQoS.AT_LEAST_ONCE)
                    .willTopic(Payloads.topic(d.id(), "status")).willMessage(will).build());
            MqttMessage ack = onA.next(Duration.ofSeconds(10));
            assertThat(((MqttConnAckMessage) ack).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            await().atMost(Duration.ofSeconds(5)).until(() -> "gw-a".equals(node(jdbc, d)));

            // The balancer sends the device's next connection to B while A still holds the old one.
            MqttClient onB = Clients.v3Connected("tcp://127.0.0.1:" + port(b), d, true);
            BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            try {
                MqttMessage m = onA.next(Duration.ofSeconds(10));
                assertThat(m).as("A ends the old session").isNotNull();
                assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode())
                        .isEqualTo((byte) 0x8E);
                assertThat(onA.closedWithin(Duration.ofSeconds(5))).isTrue();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> a.getBean(SessionRegistry.class).get(d.id()).isEmpty());
                assertThat(b.getBean(SessionRegistry.class).get(d.id())).isPresent();

                onB.subscribe("anxin/v1/" + d.id() + "/down/command", 1,
                        (topic, msg) -> inbox.add(new String(msg.getPayload(), StandardCharsets.UTF_8)));
                long id = jdbc.queryForObject("""
                        INSERT INTO device_command (device_id, kind, payload) VALUES (?, 'ALERT_ACK', '{"text":"收到"}'::jsonb)
                        RETURNING id""", Long.class, d.id());
                assertThat(inbox.poll(10, TimeUnit.SECONDS)).contains("\"cmdId\":\"" + id + "\"");
                await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                        "SELECT status FROM device_command WHERE id = ?", String.class, id)));

                Thread.sleep(2500); // past A's offline grace
                assertThat(node(jdbc, d)).isEqualTo("gw-b");
                assertThat(jdbc.queryForObject("SELECT online FROM device WHERE id = ?", Boolean.class, d.id())).isTrue();
                assertThat(count(jdbc, "SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'DEVICE_OFFLINE'", d))
                        .as("no offline for a takeover").isZero();
                assertThat(count(jdbc, "SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'DEVICE_ONLINE'", d))
                        .as("one online: the device never went away").isEqualTo(1);
                assertThat(count(jdbc, "SELECT count(*) FROM device WHERE id = ? AND battery_pct = 7", d))
                        .as("the will of a taken-over session is not fired").isZero();
            } finally {
                Clients.closeQuietly(onB);
            }
        }
    }

    private static String node(JdbcTemplate jdbc, Fleet.Device d) {
        return jdbc.queryForObject("SELECT gateway_node FROM device WHERE id = ?", String.class, d.id());
    }

    private static int count(JdbcTemplate jdbc, String sql, Fleet.Device d) {
        return jdbc.queryForObject(sql, Integer.class, d.id());
    }
}
