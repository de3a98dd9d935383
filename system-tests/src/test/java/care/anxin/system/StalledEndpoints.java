package care.anxin.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Partner endpoints that misbehave: one answers its status line and headers and then never sends
 * the body it announced; the other listens but never accepts a connection.
 */
final class StalledEndpoints implements AutoCloseable {

    private final ServerSocket headersThenStall;
    private final ServerSocket neverAccepts;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    StalledEndpoints() throws IOException {
        headersThenStall = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        neverAccepts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "stalling-webhook");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String stallingUrl() {
        return "http://127.0.0.1:" + headersThenStall.getLocalPort() + "/hook";
    }

    String neverAcceptingUrl() {
        return "http://127.0.0.1:" + neverAccepts.getLocalPort() + "/hook";
    }

    private void serve() {
        while (!headersThenStall.isClosed()) {
            try {
                Socket s = headersThenStall.accept();
                held.add(s);
                readHead(s.getInputStream());
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                // ...and nothing more, ever.
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        headersThenStall.close();
        neverAccepts.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
