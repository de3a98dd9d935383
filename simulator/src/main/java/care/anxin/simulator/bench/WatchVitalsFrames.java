package care.anxin.simulator.bench;

import care.anxin.simulator.load.WatchFrameSource;
import care.anxin.simulator.watch.WatchContent;
import java.util.List;

/**
 * Bench watch messages: one blood-pressure frame ({@code bphrt}: SBP, DBP, heart rate — three
 * readings), which the platform answers once the readings are committed. Health frames carry no
 * time and are de-duplicated per receive minute (docs/protocol-watch.md), so the values walk
 * through a 30,000-step cycle: no two frames of a device within a minute are alike.
 */
public final class WatchVitalsFrames implements WatchFrameSource {

    /** Readings per message, for the readings/s figure. */
    public static final int READINGS = 3;

    @Override
    public List<String> frames(String deviceId, long sequence) {
        int sbp = 105 + (int) (sequence % 40);
        int dbp = 65 + (int) (sequence / 40 % 25);
        int hr = 58 + (int) (sequence / 1000 % 30);
        return List.of(WatchContent.bloodPressure(sbp, dbp, hr));
    }

    @Override
    public String login(String deviceId) {
        return WatchContent.heartbeat(0, 0, 80);
    }
}
