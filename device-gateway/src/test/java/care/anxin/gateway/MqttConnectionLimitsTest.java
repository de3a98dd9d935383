package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.store.test.TestDatabase;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Server connection quota (0x97 / 3). Failed-login throttling: {@code MqttLoginDefenceTest}. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "anxin.gateway.port=0",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=127.0.0.1",
                "anxin.gateway.node-id=limits-gw",
                "anxin.gateway.limits.max-connections=2",
                "anxin.gateway.auth.failure-delay=50ms"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqttConnectionLimitsTest {

    private static final String URL = TestDatabase.newDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        GatewayTestBase.useDatabase(registry, URL);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MqttServer server;

    @Test
    @Order(1)
    void connectionsBeyondTheLimitAreRefusedWithQuotaExceeded() throws Exception {
        Fleet fleet = new Fleet(jdbc);
        String uri = "tcp://127.0.0.1:" + server.port();
        MqttClient a = Clients.v3Connected(uri, fleet.device("WB"), true);
        MqttClient b = Clients.v3Connected(uri, fleet.device("WB"), true);
        try {
            Fleet.Device third = fleet.device("WB");
            assertThat(v3Refusal(uri, third, third.secret())).isEqualTo(3);
            try {
                Clients.v5Connected(uri, third);
                throw new AssertionError("accepted past the limit");
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                assertThat(e.getReasonCode()).isEqualTo(0x97);
            }
        } finally {
            Clients.closeQuietly(a);
            Clients.closeQuietly(b);
        }
    }

    private static int v3Refusal(String uri, Fleet.Device d, String secret) throws MqttException {
        MqttClient c = Clients.v3(uri, d.id());
        try {
            c.connect(Clients.v3Options(d.id(), secret, true));
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            Clients.closeQuietly(c);
        }
        throw new AssertionError("connection was accepted");
    }
}
