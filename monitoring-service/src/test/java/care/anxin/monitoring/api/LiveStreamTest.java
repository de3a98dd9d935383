package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The live alert stream: scoped, within a second, resumable with Last-Event-ID. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStreamTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void deliversScopedChangesWithinASecond() throws Exception {
        try (SseClient careA = new SseClient(t.as("careA"), null)) {
            awaitSubscribed(careA);
            touch(t.alertB); // center B: must not reach care staff of A
            long started = System.nanoTime();
            touch(t.alertA);
            SseClient.Event event = careA.next("alert", Duration.ofSeconds(1));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(event).as("event within 1 s").isNotNull();
            JsonNode alert = JSON.readTree(event.data());
            assertThat(alert.get("id").asLong()).as("B's change was filtered out, A's came first").isEqualTo(t.alertA);
            assertThat(alert.get("elder").get("name").asText()).isEqualTo("王秀英");
            assertThat(alert.get("kind").asText()).isEqualTo("SOS");
            assertThat(millis).isLessThan(1000);
        }
    }

    @Test
    void districtStaffReceivesBothCenters() throws Exception {
        try (SseClient district = new SseClient(t.as("district"), null)) {
            awaitSubscribed(district);
            touch(t.alertA);
            touch(t.alertB);
            JsonNode first = JSON.readTree(district.next("alert", Duration.ofSeconds(2)).data());
            JsonNode second = JSON.readTree(district.next("alert", Duration.ofSeconds(2)).data());
            assertThat(java.util.List.of(first.get("id").asLong(), second.get("id").asLong()))
                    .containsExactlyInAnyOrder(t.alertA, t.alertB);
        }
    }

    @Test
    void resumesWithLastEventIdWithoutMissingEvents() throws Exception {
        String lastId;
        try (SseClient first = new SseClient(t.as("careA"), null)) {
            awaitSubscribed(first);
            touch(t.alertA);
            lastId = first.next("alert", Duration.ofSeconds(2)).id();
        }
        // Changes while the client is away...
        long sos2 = t.insertAlert(t.elderA2, t.centerA, "SOS", java.time.Instant.now());
        touch(t.alertA);
        Thread.sleep(300);
        try (SseClient resumed = new SseClient(t.as("careA"), lastId)) {
            SseClient.Event a = resumed.next("alert", Duration.ofSeconds(2));
            SseClient.Event b = resumed.next("alert", Duration.ofSeconds(2));
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
            assertThat(Long.parseLong(a.id())).isGreaterThan(Long.parseLong(lastId));
            assertThat(Long.parseLong(b.id())).isGreaterThan(Long.parseLong(a.id()));
            assertThat(java.util.List.of(JSON.readTree(a.data()).get("id").asLong(),
                    JSON.readTree(b.data()).get("id").asLong())).containsExactly(sos2, t.alertA);
        }
    }

    @Test
    void unknownLastEventIdAsksTheClientToResync() throws Exception {
        try (SseClient stale = new SseClient(t.as("careA"), "12345")) {
            SseClient.Event event = stale.next(Duration.ofSeconds(2));
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("resync");
            assertThat(Long.parseLong(event.id())).isGreaterThan(12345L);
        }
    }

    private void touch(long alertId) {
        jdbc.update("UPDATE alert SET event_count = event_count + 1, last_event_at = now(), updated_at = now() WHERE id = ?",
                alertId);
    }

    /** The hub writes the first bytes only after registering the stream: headers mean subscribed. */
    private static void awaitSubscribed(SseClient client) throws Exception {
        assertThat(client.status()).isEqualTo(200);
    }
}
