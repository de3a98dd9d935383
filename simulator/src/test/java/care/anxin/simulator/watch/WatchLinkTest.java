package care.anxin.simulator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.watch.WatchFrame;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A simulated watch against a platform stand-in over real TCP: login, replies, resends, commands. */
class WatchLinkTest {

    private static final String ID = "8800000015";
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> locates = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private WatchLink watch(FakeWatchPlatform platform, String id, Duration replyTimeout) {
        return new WatchLink(group.next(), "127.0.0.1", platform.port(), id, "test watch", () -> WatchContent.heartbeat(1200, 0, 88),
                replyTimeout, new WatchLink.Listener() {
                    @Override
                    public void onText(String text) {
                        texts.add(text);
                    }

                    @Override
                    public void onLocate() {
                        locates.add(true);
                    }
                });
    }

    @Test
    void logsInWithAHeartbeatThenSendsWhatWaitedOffline() throws Exception {
        try (FakeWatchPlatform platform = new FakeWatchPlatform(Set.of(ID))) {
            WatchLink watch = watch(platform, ID, Duration.ofSeconds(20));
            watch.send(WatchContent.heartRate(77)); // before connecting: kept for later
            watch.connect();
            await(watch::connected);
            List<String> frames = take(platform, 2);
            assertThat(frames).containsExactly("[3G*8800000015*000C*LK,1200,0,88]", "[3G*8800000015*0008*heart,77]");
            watch.close();
        }
    }

    @Test
    void anUnansweredAlarmIsSentAgainAfterReconnectingIdenticalSoThePlatformStoresItOnce() throws Exception {
        try (FakeWatchPlatform platform = new FakeWatchPlatform(Set.of(ID))) {
            platform.withholdAlReplies.set(1);
            WatchLink watch = watch(platform, ID, Duration.ofSeconds(1));
            watch.connect();
            await(watch::connected);
            String alarm = WatchContent.position("AL", Instant.parse("2026-11-30T13:30:05Z"),
                    WatchContent.Fix.gps(31.230416, 121.473701, 0, 0, 12, 7, new WatchContent.Cell(6243, 21711, -78)), 80, 76, 1200, WatchStatus.SOS);
            watch.send(alarm);
            List<String> frames = take(platform, 4); // LK, AL (no reply), LK of the new connection, the same AL
            assertThat(frames.get(0)).contains("*LK,");
            assertThat(frames.get(1)).contains("*AL,301126,133005,A,31.230416,N,121.473701,E,").contains(",00010000,");
            assertThat(frames.get(2)).contains("*LK,");
            assertThat(frames.get(3)).isEqualTo(frames.get(1));
            assertThat(platform.connections.get()).isEqualTo(2);
            await(() -> watch.counters().replies.sum() == 3);
            assertThat(watch.counters().replyTimeouts.sum()).isEqualTo(1);
            assertThat(watch.counters().resent.sum()).isEqualTo(1);
            watch.close();
        }
    }

    @Test
    void answersLocateTextAndUploadCommands() throws Exception {
        try (FakeWatchPlatform platform = new FakeWatchPlatform(Set.of(ID))) {
            WatchLink watch = watch(platform, ID, Duration.ofSeconds(20));
            watch.connect();
            await(watch::connected);
            take(platform, 1);

            platform.send(ID, "CR");
            assertThat(locates.poll(10, TimeUnit.SECONDS)).isTrue();
            platform.send(ID, "MESSAGE," + WatchFrame.utf16Hex("已收到您的紧急呼叫，社区工作人员正在处理"));
            assertThat(texts.poll(10, TimeUnit.SECONDS)).isEqualTo("已收到您的紧急呼叫，社区工作人员正在处理");
            platform.send(ID, "UPLOAD,600");
            platform.send(ID, "SOMETHINGNEW,1");
            assertThat(take(platform, 4)).containsExactly("[3G*8800000015*0002*CR]", "[3G*8800000015*0007*MESSAGE]",
                    "[3G*8800000015*0006*UPLOAD]", "[3G*8800000015*000C*SOMETHINGNEW]");
            assertThat(watch.uploadSeconds()).isEqualTo(600);
            assertThat(watch.counters().texts.sum()).isEqualTo(1);
            watch.close();
        }
    }

    @Test
    void anUnregisteredWatchIsRefusedAndKeepsTrying() throws Exception {
        try (FakeWatchPlatform platform = new FakeWatchPlatform(Set.of(ID))) {
            WatchLink stranger = watch(platform, "1234567890", Duration.ofSeconds(20));
            stranger.connect();
            await(() -> stranger.counters().refused.sum() >= 1);
            assertThat(stranger.connected()).isFalse();
            assertThat(platform.received).isEmpty();
            stranger.close();
        }
    }

    private static List<String> take(FakeWatchPlatform platform, int n) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WatchFrame frame = platform.received.poll(20, TimeUnit.SECONDS);
            assertThat(frame).as("frame %d of %d (got %s)", i + 1, n, frames).isNotNull();
            frames.add(FakeWatchPlatform.wire(frame));
        }
        return frames;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
