package care.anxin.gateway.bench;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.watch.WatchFrameParser;
import care.anxin.gateway.watch.WatchServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Quick in-process benchmark of the watch path (not a test), the counterpart of
 * {@link IngestBenchmark}: N watches on plain sockets send {@code bphrt} frames (3 readings each)
 * at a target total rate; prints sustained replied frames/s and the reply latency (frame written →
 * reply read, i.e. after the commit) percentiles. Client, gateway and PostgreSQL share the
 * machine, so this is a floor. Run: mvn -pl device-gateway -am test-compile, then
 * java -cp ... WatchIngestBenchmark [watches] [framesPerSec] [seconds].
 */
public final class WatchIngestBenchmark {

    public static void main(String[] args) throws Exception {
        int watches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        BenchGateway bench = BenchGateway.freshDatabase();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < watches; i++) {
            ids.add(bench.fleet().watch());
        }
        ConfigurableApplicationContext app = bench.start("--anxin.gateway.limits.messages-per-second=1000",
                "--anxin.gateway.limits.burst=1000", "--anxin.gateway.auth.max-per-address=100000");
        int port = app.getBean(WatchServer.class).port();
        AtomicLong replied = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long warmup = start + Math.min(5, seconds / 3) * 1_000_000_000L;
        List<Watch> fleetWatches = new ArrayList<>();
        for (String id : ids) {
            Watch w = new Watch(new Socket("127.0.0.1", port), id, replied, latencies, warmup);
            w.send("LK");
            fleetWatches.add(w);
            Thread reader = new Thread(w::read, "watch-" + id);
            reader.setDaemon(true);
            reader.start();
        }
        System.out.printf("%d watches connected; offering %d frames/s for %d s%n", watches, rate, seconds);
        long sent = 0;
        long repliedAtWarmup = -1;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                Watch w = fleetWatches.get((int) (sent % watches));
                w.send("bphrt," + (110 + sent % 40) + "," + (70 + sent % 20) + "," + (60 + sent % 30) + ",,,,");
                sent++;
            }
            if (repliedAtWarmup < 0 && System.nanoTime() > warmup) {
                repliedAtWarmup = replied.get();
            }
            Thread.sleep(1);
        }
        long measured = replied.get() - Math.max(0, repliedAtWarmup);
        double measuredSeconds = (end - warmup) / 1e9;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("offered %d frames, replied %d%n", sent, replied.get());
        System.out.printf("sustained %.0f frames/s (%.0f readings/s); reply latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n",
                measured / measuredSeconds, 3 * measured / measuredSeconds, pct(l, 0.50), pct(l, 0.99),
                l.length == 0 ? 0 : l[l.length - 1] / 1e6, l.length);
        app.close();
        System.exit(0);
    }

    /** One watch: frames out, replies in (in order, so each reply answers the oldest frame written). */
    private static final class Watch {
        private final Socket socket;
        private final String id;
        private final OutputStream out;
        private final InputStream in;
        private final ConcurrentLinkedQueue<Long> written = new ConcurrentLinkedQueue<>();
        private final AtomicLong replied;
        private final ConcurrentLinkedQueue<Long> latencies;
        private final long warmup;

        Watch(Socket socket, String id, AtomicLong replied, ConcurrentLinkedQueue<Long> latencies, long warmup)
                throws java.io.IOException {
            this.socket = socket;
            this.id = id;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
            this.replied = replied;
            this.latencies = latencies;
            this.warmup = warmup;
        }

        void send(String content) {
            try {
                written.add(System.nanoTime());
                out.write(WatchFrame.text("3G", id, null, content).encode());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("watch " + id + " lost its connection", e);
            }
        }

        void read() {
            WatchFrameParser parser = new WatchFrameParser(4096);
            byte[] buf = new byte[0];
            byte[] chunk = new byte[4096];
            try {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    buf = Arrays.copyOf(buf, buf.length + n);
                    System.arraycopy(chunk, 0, buf, buf.length - n, n);
                    WatchFrameParser.Result r;
                    while ((r = parser.parse(buf, 0, buf.length)) instanceof WatchFrameParser.Parsed p) {
                        buf = Arrays.copyOfRange(buf, p.consumed(), buf.length);
                        Long t0 = written.poll();
                        long now = System.nanoTime();
                        if (t0 != null && t0 > warmup) {
                            latencies.add(now - t0);
                        }
                        replied.incrementAndGet();
                    }
                }
            } catch (java.io.IOException e) {
                // the benchmark ends by closing everything
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    private WatchIngestBenchmark() {
    }
}
