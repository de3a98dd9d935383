package care.anxin.gateway;

import static care.anxin.gateway.Payloads.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * A handset whose clock reset after a flat battery (2000-01-01) or runs a year ahead presses SOS:
 * the event is stored at the server receive time, flagged "device clock wrong" (bit 4) with the
 * device's own time kept, so the alert service opens the incident (docs/protocol.md).
 */
class MqttUrgentClockTest extends GatewayTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sosFromAClockInTheYear2000OrAYearAheadIsStoredAtReceiveTimeFlagged() throws Exception {
        for (String ts : new String[] {"2000-01-01T00:00:00+08:00",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).plusYears(1).withNano(0).toString()}) {
            Fleet.Device d = fleet.device("HS");
            MqttAsyncClient c = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
            c.connect(Clients.v3Options(d.id(), d.secret(), true)).waitForCompletion(10_000);
            try {
                Instant before = Instant.now();
                byte[] sos = ("{\"msgId\":\"" + d.id() + "-sos\",\"ts\":\"" + ts + "\",\"type\":\"SOS\"}").getBytes(StandardCharsets.UTF_8);
                c.publish(topic(d.id(), "event"), sos, 1, false).waitForCompletion(10_000);
                Map<String, Object> row = jdbc.queryForMap(
                        "SELECT occurred_at, received_at, payload::text AS payload FROM device_event WHERE device_id = ? AND kind = 'SOS'", d.id());
                assertThat(row.get("occurred_at")).isEqualTo(row.get("received_at"));
                Instant occurred = ((java.sql.Timestamp) row.get("occurred_at")).toInstant();
                assertThat(Duration.between(before, occurred).abs()).isLessThan(Duration.ofMinutes(1));
                JsonNode payload = JSON.readTree((String) row.get("payload"));
                assertThat(payload.path("clockFlags").asInt()).isEqualTo(4);
                assertThat(Instant.parse(payload.path("deviceTime").asText())).isEqualTo(OffsetDateTime.parse(ts).toInstant());
            } finally {
                c.disconnectForcibly(100, 100);
                c.close();
            }
        }
    }

    @Test
    void markedReplayKeepsItsPlausibleTimeAsALateSos() throws Exception {
        Fleet.Device d = fleet.device("HS");
        MqttAsyncClient c = new MqttAsyncClient(uri(), d.id(), new MemoryPersistence());
        c.connect(Clients.v3Options(d.id(), d.secret(), true)).waitForCompletion(10_000);
        try {
            OffsetDateTime threeHoursAgo = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(3).withNano(0);
            byte[] sos = ("{\"msgId\":\"" + d.id() + "-late\",\"ts\":\"" + threeHoursAgo + "\",\"type\":\"SOS\",\"replay\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            c.publish(topic(d.id(), "event"), sos, 1, false).waitForCompletion(10_000);
            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT occurred_at, payload::text AS payload FROM device_event WHERE device_id = ? AND kind = 'SOS'", d.id());
            assertThat(((java.sql.Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(threeHoursAgo.toInstant());
            JsonNode payload = JSON.readTree((String) row.get("payload"));
            assertThat(payload.path("clockFlags").asInt()).isEqualTo(8);
            assertThat(payload.path("replay").asBoolean()).isTrue();
        } finally {
            c.disconnectForcibly(100, 100);
            c.close();
        }
    }
}
