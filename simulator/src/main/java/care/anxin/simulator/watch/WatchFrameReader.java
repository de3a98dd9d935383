package care.anxin.simulator.watch;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.watch.WatchFrameParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Frames from a blocking stream (a plain socket: the platform stand-ins and watch clients of
 * tests), with the domain's parser: bytes that are not frames are skipped, a frame over the
 * bound ends the stream with an IOException.
 */
public final class WatchFrameReader {

    private final InputStream in;
    private final WatchFrameParser parser;
    private byte[] buf = new byte[4096];
    private int start;
    private int end;

    public WatchFrameReader(InputStream in, int maxFrameBytes) {
        this.in = in;
        this.parser = new WatchFrameParser(maxFrameBytes);
    }

    /** The next frame, or null when the stream ends. */
    public WatchFrame next() throws IOException {
        while (true) {
            WatchFrameParser.Result r = parser.parse(buf, start, end);
            if (r instanceof WatchFrameParser.Parsed p) {
                start += p.consumed();
                return p.frame();
            }
            if (r instanceof WatchFrameParser.Skip s) {
                start += s.bytes();
                continue;
            }
            if (r instanceof WatchFrameParser.TooLarge t) {
                throw new IOException("watch frame of " + t.announcedBytes() + " bytes");
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                return null;
            }
            end += n;
        }
    }
}
