package care.anxin.gateway.watch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.Fleet;
import care.anxin.gateway.GatewayApplication;
import care.anxin.gateway.GatewayTestBase;
import care.anxin.store.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The watch port's edge with small bounds: an oversized frame, a slow-loris connection and a
 * stream of seeded random and mutated frames are each closed or survived while another watch on
 * the same gateway keeps being stored and answered.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "anxin.gateway.port=0",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=127.0.0.1",
                "anxin.gateway.node-id=watch-edge-gw",
                "anxin.gateway.auth.failure-delay=50ms",
                "anxin.gateway.auth.prefix-failure-burst=100000",
                "anxin.gateway.auth.device-failure-burst=100000",
                "anxin.gateway.limits.messages-per-second=1000",
                "anxin.gateway.limits.burst=1000",
                "anxin.gateway.watch.max-frame-bytes=512",
                "anxin.gateway.watch.first-frame-timeout=2s",
                "anxin.gateway.watch.idle-timeout=3s"
        })
class WatchEdgeLimitsTest {

    private static final String URL = TestDatabase.newDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        GatewayTestBase.useDatabase(registry, URL);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WatchServer server;

    @Test
    void anOversizedFrameClosesOnlyItsOwnConnection() throws Exception {
        Fleet fleet = new Fleet(jdbc);
        String big = fleet.watch();
        String other = fleet.watch();
        try (WatchClient honest = new WatchClient(server.port(), other); WatchClient w = new WatchClient(server.port(), big)) {
            assertThat(honest.send("LK").reply(10_000)).isEqualTo("LK");
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            byte[] voice = new byte[2000];
            Arrays.fill(voice, (byte) 'x');
            w.sendBytes(care.anxin.domain.watch.WatchFrame.binary("3G", big, null, "TK", voice).encode());
            assertThat(w.closedWithin(10_000)).isTrue();
            assertThat(honest.send("heart,71").reply(10_000)).isEqualTo("heart");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Long.class, other))
                .isEqualTo(1);
    }

    @Test
    void aSlowLorisIsClosedWhileAnotherWatchKeepsWorking() throws Exception {
        Fleet fleet = new Fleet(jdbc);
        String id = fleet.watch();
        String other = fleet.watch();
        try (WatchClient loris = new WatchClient(server.port(), id); WatchClient honest = new WatchClient(server.port(), other)) {
            assertThat(honest.send("LK").reply(10_000)).isEqualTo("LK");
            byte[] frame = "[3G*8800000015*0002*LK]".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            boolean closed = false;
            // one byte every 400 ms: never a whole frame within the first-frame deadline
            for (int i = 0; i < frame.length - 1 && !closed; i++) {
                try {
                    loris.sendBytes(new byte[] {frame[i]});
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                closed = loris.closedWithin(400);
            }
            assertThat(closed || loris.closedWithin(10_000)).as("slow loris closed").isTrue();
            assertThat(System.nanoTime() - start).as("not before the deadline").isGreaterThanOrEqualTo(1_500_000_000L);
            assertThat(honest.send("oxygen,96").reply(10_000)).isEqualTo("oxygen");
        }
    }

    @Test
    void aWatchSilentPastTheIdleTimeoutIsClosed() throws Exception {
        String id = new Fleet(jdbc).watch();
        try (WatchClient w = new WatchClient(server.port(), id)) {
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            w.sendBytes("[3G*".getBytes(StandardCharsets.US_ASCII)); // half a frame does not count as activity
            assertThat(w.closedWithin(15_000)).isTrue();
        }
    }

    @Test
    void seededRandomAndMutatedFramesNeverCrashTheGatewayOrAnotherWatch() throws Exception {
        Fleet fleet = new Fleet(jdbc);
        String fuzzed = fleet.watch();
        String other = fleet.watch();
        Random random = new Random(13);
        String[] seeds = {
                "UD2,301126,113000,A,31.230100,N,121.473200,E,0.00,0.0,10.0,7,80,88,900,0,00000000,1,1,460,0,6243,21711,-80,0",
                "AL,301126,120601,A,31.230416,N,121.473701,E,0.00,0.0,12.0,9,100,80,1300,0,00010000,1,1,460,0,6243,21711,-78,0",
                "bphrt,128,82,74,,,,", "btemp2,1,36.6", "LK,1200,0,86", "oxygen,97"};
        WatchProtocolDecoder decoder = new WatchProtocolDecoder();
        try (WatchClient honest = new WatchClient(server.port(), other)) {
            assertThat(honest.send("LK").reply(10_000)).isEqualTo("LK");
            for (int round = 0; round < 5; round++) {
                try (WatchClient w = new WatchClient(server.port(), fuzzed)) {
                    w.send("LK");
                    for (int i = 0; i < 200; i++) {
                        String seed = seeds[random.nextInt(seeds.length)];
                        char[] c = seed.toCharArray();
                        for (int m = 0; m < 1 + random.nextInt(3); m++) {
                            c[random.nextInt(c.length)] = ",.-AZ09*[]}\u0001x".charAt(random.nextInt(13));
                        }
                        String content = new String(c);
                        // the decoder alone never throws either
                        decoder.decode(care.anxin.domain.watch.WatchFrame.text("3G", fuzzed, null, content), Instant.now());
                        byte[] wire = care.anxin.domain.watch.WatchFrame.text("3G", fuzzed, null, content).encode();
                        if (random.nextInt(5) == 0) {
                            wire = Arrays.copyOf(wire, random.nextInt(wire.length)); // truncated
                        }
                        try {
                            w.sendBytes(wire);
                        } catch (java.io.IOException closedByRate) {
                            break;
                        }
                    }
                }
                assertThat(honest.send("heart," + (60 + round)).reply(10_000)).isEqualTo("heart");
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ? AND code = 'HR'", Long.class,
                other)).isEqualTo(5);
    }
}
