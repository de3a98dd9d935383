package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.watch.WatchFrameParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** A watch over a real TCP socket: sends frames, reads the platform's frames with the domain parser. */
final class WatchClient implements AutoCloseable {

    private final Socket socket;
    private final String id;
    private final InputStream in;
    private final OutputStream out;
    private final WatchFrameParser parser = new WatchFrameParser(65_536);
    private byte[] buffer = new byte[0];

    WatchClient(int port, String id) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.id = id;
        this.socket.setSoTimeout(200);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sends {@code [3G*id*LLLL*content]}. */
    WatchClient send(String content) throws IOException {
        return sendBytes(WatchFrame.text("3G", id, null, content).encode());
    }

    WatchClient sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next frame from the platform within {@code millis}, or empty (timeout, or the socket closed). */
    Optional<WatchFrame> next(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            WatchFrameParser.Result r = parser.parse(buffer, 0, buffer.length);
            if (r instanceof WatchFrameParser.Parsed p) {
                buffer = Arrays.copyOfRange(buffer, p.consumed(), buffer.length);
                return Optional.of(p.frame());
            }
            if (!(r instanceof WatchFrameParser.NeedMore)) {
                throw new IllegalStateException("the platform sent something that is not a frame: " + r);
            }
            if (System.currentTimeMillis() >= deadline) {
                return Optional.empty();
            }
            byte[] chunk = new byte[4096];
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException reset) {
                return Optional.empty();
            }
            if (n < 0) {
                return Optional.empty();
            }
            byte[] grown = Arrays.copyOf(buffer, buffer.length + n);
            System.arraycopy(chunk, 0, grown, buffer.length, n);
            buffer = grown;
        }
    }

    /** The next frame's content as text; fails the test if none comes within {@code millis}. */
    String reply(long millis) throws IOException {
        return next(millis).map(WatchFrame::text)
                .orElseThrow(() -> new AssertionError("no frame from the platform within " + millis + " ms"));
    }

    /** Whether the platform closed the connection within {@code millis} (sending nothing meanwhile). */
    boolean closedWithin(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            try {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
                throw new AssertionError("the platform answered byte " + b + " (" + new String(new byte[] {(byte) b},
                        StandardCharsets.ISO_8859_1) + ")");
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
