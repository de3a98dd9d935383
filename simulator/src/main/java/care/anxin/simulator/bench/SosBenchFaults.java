package care.anxin.simulator.bench;

import care.anxin.simulator.provision.AdminApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Switches one {@link BenchFault} on for the SOS bench and off again afterwards: a partner webhook
 * that stalls after its headers (registered for the bench center, disabled on close), or live
 * streams that stop reading. (The vitals flood is in the background payloads, see {@link VitalsPayloads}.)
 */
final class SosBenchFaults implements AutoCloseable {

    private static final int STALLED_STREAMS = 3;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket stallingServer;
    private String stallingUrl;
    private final Connection db;

    private SosBenchFaults(Connection db) {
        this.db = db;
    }

    static SosBenchFaults start(BenchFault fault, AdminApiClient admin, AdminApiClient care, long centerId,
                                Connection db) throws IOException {
        SosBenchFaults faults = new SosBenchFaults(db);
        switch (fault) {
            case STALLED_WEBHOOK -> faults.stallWebhook(admin, centerId);
            case STALLED_STREAM -> faults.stallStreams(care);
            default -> { }
        }
        return faults;
    }

    private void stallWebhook(AdminApiClient admin, long centerId) throws IOException {
        stallingServer = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        stallingUrl = "http://127.0.0.1:" + stallingServer.getLocalPort() + "/stalled-partner";
        Thread t = new Thread(this::acceptAndStall, "bench-stalling-webhook");
        t.setDaemon(true);
        t.start();
        admin.post("/api/v1/admin/endpoints", Map.of("organizationId", centerId, "channel", "WEBHOOK",
                "name", "压测-卡住的合作方", "url", stallingUrl));
        System.out.println("Fault: partner webhook " + stallingUrl + " answers headers, then stalls forever");
    }

    private void acceptAndStall() {
        while (!stallingServer.isClosed()) {
            try {
                Socket s = stallingServer.accept();
                sockets.add(s);
                skipRequestHead(s.getInputStream());
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException e) {
                // closed at the end of the run
            }
        }
    }

    private static void skipRequestHead(InputStream in) throws IOException {
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private void stallStreams(AdminApiClient care) throws IOException {
        URI api = URI.create(care.baseUrl());
        for (int i = 0; i < STALLED_STREAMS; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(1024);
            s.connect(new InetSocketAddress(api.getHost(), api.getPort() < 0 ? 80 : api.getPort()), 5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/alerts/stream HTTP/1.1\r\nHost: " + api.getHost() + "\r\nAccept: text/event-stream\r\n"
                    + "Authorization: " + care.authorization() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sockets.add(s); // never read
        }
        System.out.println("Fault: " + STALLED_STREAMS + " console live streams that never read");
    }

    @Override
    public void close() throws Exception {
        if (stallingServer != null) {
            stallingServer.close();
            try (PreparedStatement st = db.prepareStatement("UPDATE notification_endpoint SET enabled = FALSE WHERE url = ?")) {
                st.setString(1, stallingUrl);
                st.executeUpdate();
            }
        }
        for (Socket s : sockets) {
            s.close();
        }
    }
}
