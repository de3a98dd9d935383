package care.anxin.simulator.watch;

/**
 * The status bit field of UD/UD2/AL frames (eight hex digits, docs/protocol-watch.md): the alarm
 * bits a watch sets in an AL frame. The low 16 bits carry the watch's own state; the simulator
 * leaves them clear.
 */
public final class WatchStatus {

    public static final int SOS = 1 << 16;
    public static final int LOW_BATTERY = 1 << 17;
    public static final int LEFT_FENCE = 1 << 18;
    public static final int ENTERED_FENCE = 1 << 19;
    public static final int REMOVED = 1 << 20;
    public static final int FALL = 1 << 21;

    private WatchStatus() {
    }

    public static String hex(int bits) {
        return String.format("%08X", bits);
    }
}
