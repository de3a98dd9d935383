package care.anxin.alert.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaving partners over real sockets: one answers its status line and headers, then stalls
 * forever in the body; one never accepts connections (its backlog fills, the request goes nowhere).
 */
public final class StallingEndpoints implements AutoCloseable {

    private final ServerSocket stalling;
    private final ServerSocket neverAccepting;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    public final AtomicInteger stalledRequests = new AtomicInteger();
    private final Thread acceptor;

    public StallingEndpoints() throws IOException {
        stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        neverAccepting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serveStalling, "stalling-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String stallingUrl() {
        return "http://127.0.0.1:" + stalling.getLocalPort() + "/stall";
    }

    public String neverAcceptingUrl() {
        return "http://127.0.0.1:" + neverAccepting.getLocalPort() + "/void";
    }

    private void serveStalling() {
        while (!stalling.isClosed()) {
            try {
                Socket s = stalling.accept();
                held.add(s);
                Thread t = new Thread(() -> stall(s), "stalling-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void stall(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            in.read(buf); // the request (headers and a small body arrive together)
            stalledRequests.incrementAndGet();
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ok\":"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(Long.MAX_VALUE); // ...and the rest of the body never comes
        } catch (IOException | InterruptedException e) {
            // connection closed by the client's deadline, or the test ended
        }
    }

    @Override
    public void close() throws IOException {
        stalling.close();
        neverAccepting.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
