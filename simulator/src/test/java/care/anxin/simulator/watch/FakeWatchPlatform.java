package care.anxin.simulator.watch;

import care.anxin.domain.watch.WatchFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform side of the watch protocol for simulator tests, on plain sockets: accepts the ids
 * it knows (closes the connection of any other after its first frame, as the gateway does),
 * answers what docs/protocol-watch.md says it answers (an AL reply can be withheld a number of
 * times to make the watch resend),
 * records every frame, and can send commands to a connected watch.
 */
public final class FakeWatchPlatform implements AutoCloseable {

    public final BlockingQueue<WatchFrame> received = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger withholdAlReplies = new AtomicInteger();
    private final Set<String> registered;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, OutputStream> byDevice = new ConcurrentHashMap<>();

    public FakeWatchPlatform(Set<String> registered) throws IOException {
        this.registered = registered;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "fake-watch-platform");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A frame as it was on the wire. */
    static String wire(WatchFrame frame) {
        return new String(frame.encode(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Sends a command to the watch's current connection. */
    void send(String deviceId, String content) throws IOException {
        OutputStream out = byDevice.get(deviceId);
        if (out == null) {
            throw new IllegalStateException(deviceId + " is not connected");
        }
        synchronized (out) {
            out.write(WatchContent.frame(deviceId, content).encode());
            out.flush();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket), "fake-watch-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            WatchFrameReader reader = new WatchFrameReader(in, 8192);
            for (WatchFrame frame = reader.next(); frame != null; frame = reader.next()) {
                if (!onFrame(frame, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the watch went away
        }
    }

    /** False: close the connection. */
    private boolean onFrame(WatchFrame frame, OutputStream out) throws IOException {
        if (!registered.contains(frame.deviceId())) {
            return false;
        }
        byDevice.put(frame.deviceId(), out);
        received.add(frame);
        String reply = WatchReplies.replyTo(frame.type());
        boolean withhold = "AL".equals(reply) && withholdAlReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (reply != null && !withhold) {
            synchronized (out) {
                out.write(frame.reply(reply).encode());
                out.flush();
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
