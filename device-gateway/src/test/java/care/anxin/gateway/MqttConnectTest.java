package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CONNECT: success and every refusal, with MQTT 5 reason codes and MQTT 3.1.1 return codes (protocol.md). */
class MqttConnectTest extends GatewayTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void validDevicesConnectWithBothProtocolVersions() throws Exception {
        Fleet.Device d3 = fleet.device("WB");
        Fleet.Device d5 = fleet.device("HS");
        MqttClient c3 = Clients.v3Connected(uri(), d3, true);
        var c5 = Clients.v5Connected(uri(), d5);
        try {
            assertThat(c3.isConnected()).isTrue();
            assertThat(c5.isConnected()).isTrue();
        } finally {
            Clients.closeQuietly(c3);
            Clients.closeQuietly(c5);
        }
    }

    @Test
    void wrongSecretOrUnknownDeviceIsBadCredentials() {
        Fleet.Device d = fleet.device("WB");
        assertThat(v3Refusal(d.id(), d.id(), "wrong")).isEqualTo(4);
        assertThat(v5Refusal(d.id(), d.id(), "wrong")).isEqualTo(0x86);
        assertThat(v3Refusal("NOPE-1234", "NOPE-1234", "x")).isEqualTo(4);
        assertThat(v5Refusal("NOPE-1234", "NOPE-1234", "x")).isEqualTo(0x86);
    }

    @Test
    void disabledOrUnboundDeviceIsNotAuthorized() {
        Fleet.Device disabled = fleet.device("WB", fleet.elder("{}"), false);
        Fleet.Device unbound = fleet.device("WB", null, true);
        assertThat(v3Refusal(disabled.id(), disabled.id(), disabled.secret())).isEqualTo(5);
        assertThat(v5Refusal(disabled.id(), disabled.id(), disabled.secret())).isEqualTo(0x87);
        assertThat(v3Refusal(unbound.id(), unbound.id(), unbound.secret())).isEqualTo(5);
        assertThat(v5Refusal(unbound.id(), unbound.id(), unbound.secret())).isEqualTo(0x87);
    }

    @Test
    void clientIdMustEqualUserName() {
        Fleet.Device d = fleet.device("WB");
        assertThat(v3Refusal("OTHER-ID", d.id(), d.secret())).isEqualTo(2);
        assertThat(v5Refusal("OTHER-ID", d.id(), d.secret())).isEqualTo(0x85);
    }

    @Test
    void refusalsAreCountedInMetrics() {
        Fleet.Device d = fleet.device("WB");
        double before = refused("bad_credentials");
        v5Refusal(d.id(), d.id(), "wrong");
        assertThat(refused("bad_credentials")).isEqualTo(before + 1);
    }

    private double refused(String reason) {
        var c = meters.find("anxin.gateway.connects.refused").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private int v3Refusal(String clientId, String user, String secret) {
        try {
            MqttClient c = Clients.v3(uri(), clientId);
            try {
                c.connect(Clients.v3Options(user, secret, true));
            } finally {
                Clients.closeQuietly(c);
            }
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        throw new AssertionError("connection was accepted");
    }

    private int v5Refusal(String clientId, String user, String secret) {
        try {
            var c = Clients.v5(uri(), clientId);
            try {
                c.connect(Clients.v5Options(user, secret));
            } finally {
                Clients.closeQuietly(c);
            }
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        }
        throw new AssertionError("connection was accepted");
    }
}
