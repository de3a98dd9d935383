package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.monitoring.live.AlertStreamHub;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.AlertQueries.ScopedAlert;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A browser that stops reading its live stream (a raw socket with a tiny receive window that is
 * never read again) must not delay anyone else: the fan-out never blocks, the reading client gets
 * every event promptly, and the stalled stream is closed once it falls behind. Also the per-user
 * cap of open streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStreamBackpressureTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AlertStreamHub hub;
    @Autowired
    AlertQueries alerts;
    @Autowired
    MeterRegistry meters;
    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void aStreamThatStopsReadingIsDroppedAndDelaysNobody() throws Exception {
        ScopedAlert sos = alerts.findForFanOut(t.alertA).orElseThrow();
        double droppedBefore = dropped();
        try (Socket stalled = openRawStream(t.as("careA"));
             SseClient reader = new SseClient(t.as("district"), null)) {
            assertThat(reader.status()).isEqualTo(200);

            // ~12 MB of events, paced like a very busy platform (~10,000 changes/s), far more than the
            // stalled socket's kernel buffers hold. The publishing thread is the fan-out thread's stand-in.
            int events = 20_000;
            CompletableFuture<Long> fanOut = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    hub.publish(sos);
                    if (i % 100 == 99) {
                        sleep(10);
                    }
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
            int received = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (received < events && System.nanoTime() < deadline) {
                if (reader.next("alert", Duration.ofSeconds(5)) == null) {
                    break;
                }
                received++;
            }
            long fanOutMillis = fanOut.get(60, TimeUnit.SECONDS);
            System.out.printf("fan-out of %d events with a stalled stream open: %d ms; reader got %d%n",
                    events, fanOutMillis, received);
            assertThat(received).as("the reading client got every event").isEqualTo(events);
            assertThat(dropped()).as("the stalled stream was closed").isGreaterThan(droppedBefore);

            // And a real change afterwards still reaches the reader within a second.
            long started = System.nanoTime();
            jdbc.update("UPDATE alert SET event_count = event_count + 1, updated_at = now() WHERE id = ?", t.alertA);
            SseClient.Event next = reader.next("alert", Duration.ofSeconds(5));
            assertThat(next).isNotNull();
            assertThat(JSON.readTree(next.data()).get("id").asLong()).isEqualTo(t.alertA);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5000);
        }
    }

    @Test
    void aUserMayHoldOnlyALimitedNumberOfStreams() throws Exception {
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                SseClient c = new SseClient(t.as("careB"), null);
                open.add(c);
                assertThat(c.status()).isEqualTo(200);
            }
            ApiClient.Response refused = t.as("careB").get("/api/v1/alerts/stream");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(refused.raw().body()).contains("live streams");

            open.remove(0).close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status = 0;
            while (System.nanoTime() < deadline) {
                try (SseClient again = new SseClient(t.as("careB"), null)) {
                    status = again.status();
                }
                if (status == 200) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(status).as("a closed tab frees its slot").isEqualTo(200);
        } finally {
            for (SseClient c : open) {
                c.close();
            }
        }
    }

    /** An SSE request over a raw socket whose receive window is tiny; returns once the headers are in. */
    private Socket openRawStream(ApiClient as) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: " + as.authorization() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        socket.setSoTimeout(10_000);
        while (!head.toString().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket; // never read again
    }

    private double dropped() {
        return meters.find("anxin.stream.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
