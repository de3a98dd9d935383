package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.wire.DeviceSecretHash;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Device lifecycle takes effect now: disabling a device, rotating its secret or re-binding it to
 * another elder ends the live session within seconds (NOTIFY device_revoked → DISCONNECT 0x98), and
 * the device cannot come back with what it had. The gateway's own re-hash is not a revocation.
 */
class MqttDeviceLifecycleTest extends GatewayTestBase {

    @Test
    void disablingADeviceKicksItsLiveSession() throws Exception {
        Fleet.Device d = fleet.device("HS");
        try (V5Device v5 = new V5Device(uri(), d)) {
            jdbc.update("UPDATE device SET enabled = FALSE WHERE id = ?", d.id());
            assertThat(v5.disconnectReason.get(30, TimeUnit.SECONDS)).isEqualTo(0x98);
        }
        try {
            Clients.v5Connected(uri(), d);
            throw new AssertionError("a disabled device connected");
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(0x87);
        }
        jdbc.update("UPDATE device SET enabled = TRUE WHERE id = ?", d.id());
        var back = Clients.v5Connected(uri(), d);
        assertThat(back.isConnected()).isTrue();
        Clients.closeQuietly(back);
    }

    @Test
    void rotatingTheSecretKicksTheSessionAndTheOldSecretNoLongerWorks() throws Exception {
        Fleet.Device d = fleet.device("HS");
        try (V5Device v5 = new V5Device(uri(), d)) {
            jdbc.update("UPDATE device SET secret_hash = ?, secret_rotated_at = now() WHERE id = ?",
                    DeviceSecretHash.hash("the-new-secret"), d.id());
            assertThat(v5.disconnectReason.get(30, TimeUnit.SECONDS)).isEqualTo(0x98);
        }
        try {
            Clients.v5Connected(uri(), d);
            throw new AssertionError("the old secret still works");
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(0x86);
        }
        var fresh = Clients.v5Connected(uri(), new Fleet.Device(d.id(), "the-new-secret", d.elderId()));
        assertThat(fresh.isConnected()).isTrue();
        Clients.closeQuietly(fresh);
    }

    @Test
    void rebindingEndsTheSessionSoTheNextSosNamesTheNewElder() throws Exception {
        Fleet.Device d = fleet.device("HS");
        long newElder = fleet.elder("{}");
        try (V5Device v5 = new V5Device(uri(), d)) {
            jdbc.update("UPDATE device SET elder_id = ? WHERE id = ?", newElder, d.id());
            assertThat(v5.disconnectReason.get(30, TimeUnit.SECONDS)).isEqualTo(0x98);
        }
        try (V5Device again = new V5Device(uri(), d)) {
            assertThat(again.publish(Payloads.topic(d.id(), "event"), Payloads.event(d.id() + "-sos-rebound", "SOS"), 1))
                    .isZero();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS' AND elder_id = ?",
                Integer.class, d.id(), newElder) == 1);
    }
}
