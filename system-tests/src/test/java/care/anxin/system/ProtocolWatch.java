package care.anxin.system;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.simulator.watch.WatchFrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An elder's "3G" GPS watch on a plain TCP socket (docs/protocol-watch.md), for end-to-end tests:
 * sends frames exactly as given and collects every frame the platform sends, in order; a reader
 * thread sees the connection close ({@link #closedByPlatform}).
 */
final class ProtocolWatch implements AutoCloseable {

    final String deviceId;
    final BlockingQueue<WatchFrame> fromPlatform = new LinkedBlockingQueue<>();
    private final Socket socket;
    private final OutputStream out;
    private volatile boolean closedByPlatform;

    ProtocolWatch(int port, String deviceId) throws IOException {
        this.deviceId = deviceId;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "watch-" + deviceId);
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code [3G*id*LLLL*content]}. */
    void send(String content) throws IOException {
        synchronized (out) {
            out.write(WatchFrame.text("3G", deviceId, null, content).encode());
            out.flush();
        }
    }

    /** The next frame from the platform, or null after the timeout. */
    WatchFrame next(Duration timeout) throws InterruptedException {
        return fromPlatform.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame of this type, skipping others (kept aside in order); fails after the timeout. */
    WatchFrame await(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.List<WatchFrame> skipped = new java.util.ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                WatchFrame frame = fromPlatform.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null && frame.type().equals(type)) {
                    return frame;
                }
                if (frame != null) {
                    skipped.add(frame);
                }
            }
            throw new AssertionError("watch " + deviceId + ": no " + type + " frame within " + timeout + " (got " + skipped + ")");
        } finally {
            java.util.List<WatchFrame> rest = new java.util.ArrayList<>();
            fromPlatform.drainTo(rest);
            fromPlatform.addAll(skipped);
            fromPlatform.addAll(rest);
        }
    }

    boolean closedByPlatform() {
        return closedByPlatform;
    }

    static String wire(WatchFrame frame) {
        return new String(frame.encode(), StandardCharsets.ISO_8859_1);
    }

    private void read() {
        try (InputStream in = socket.getInputStream()) {
            WatchFrameReader reader = new WatchFrameReader(in, 16_384);
            for (WatchFrame frame = reader.next(); frame != null; frame = reader.next()) {
                fromPlatform.add(frame);
            }
            closedByPlatform = true;
        } catch (IOException e) {
            closedByPlatform = !socket.isClosed();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
