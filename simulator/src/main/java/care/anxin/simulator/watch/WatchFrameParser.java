package care.anxin.simulator.watch;

import java.nio.charset.StandardCharsets;

/**
 * Finds frames in a byte stream (what the platform sends to a watch): the header up to the four
 * hex length digits, then exactly that many content bytes and the closing bracket. Bytes before a
 * {@code [} and frames whose closing bracket is not where the length says are skipped (counted by
 * the caller), so one bad frame never desynchronises the ones after it. Pure and allocation-light:
 * the Netty decoder of the simulated watches and the blocking test client share it.
 */
public final class WatchFrameParser {

    /** Longest header accepted ({@code [maker*id*LLLL*}); device ids are at most 64 characters. */
    private static final int MAX_HEADER = 96;

    /**
     * What {@link #parse} found at the start of the readable bytes.
     *
     * @param frame    the frame, or null (need more bytes, or skipped garbage)
     * @param consumed bytes to drop from the input (0: wait for more)
     * @param skipped  how many of those bytes were not part of a valid frame
     */
    public record Result(WatchFrame frame, int consumed, int skipped) {
        static final Result MORE = new Result(null, 0, 0);
    }

    private WatchFrameParser() {
    }

    public static Result parse(byte[] buf, int from, int to) {
        int start = from;
        while (start < to && buf[start] != '[') {
            start++;
        }
        if (start > from) {
            return new Result(null, start - from, start - from);
        }
        if (start == to) {
            return Result.MORE;
        }
        int[] stars = new int[3];
        int found = 0;
        int i = start + 1;
        for (; i < to && found < 3 && i - start <= MAX_HEADER; i++) {
            if (buf[i] == '*') {
                stars[found++] = i;
            } else if (buf[i] == '[' || buf[i] == ']') {
                return new Result(null, i - start, i - start); // a broken header: resynchronise here
            }
        }
        if (found < 3) {
            return i - start > MAX_HEADER ? new Result(null, 1, 1) : Result.MORE;
        }
        int length;
        try {
            if (stars[2] - stars[1] != 5) {
                return new Result(null, 1, 1);
            }
            length = Integer.parseInt(new String(buf, stars[1] + 1, 4, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return new Result(null, 1, 1);
        }
        int contentStart = stars[2] + 1;
        int end = contentStart + length;
        if (end >= to) {
            return Result.MORE;
        }
        if (buf[end] != ']' || stars[0] == start + 1 || stars[1] == stars[0] + 1) {
            return new Result(null, 1, 1);
        }
        String maker = new String(buf, start + 1, stars[0] - start - 1, StandardCharsets.US_ASCII);
        String id = new String(buf, stars[0] + 1, stars[1] - stars[0] - 1, StandardCharsets.US_ASCII);
        String content = new String(buf, contentStart, length, StandardCharsets.ISO_8859_1);
        return new Result(new WatchFrame(maker, id, content), end + 1 - from, 0);
    }
}
