package care.anxin.simulator.bench;

import care.anxin.simulator.load.WatchFrameSource;
import care.anxin.simulator.watch.WatchContent;
import care.anxin.simulator.watch.WatchReplies;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench watch messages: a blood-pressure frame ({@code bphrt}: SBP, DBP, heart rate) and an
 * {@code oxygen} frame — the same four readings as the MQTT bench's vitals — closed by a frame
 * the platform answers (a heartbeat, unless the health frames are answered themselves), so the
 * reply marks the moment the readings are committed. The values walk through a long cycle so no
 * two frames of a device in a run are alike (the platform must not take them for a resend).
 */
public final class WatchVitalsFrames implements WatchFrameSource {

    @Override
    public List<String> frames(String deviceId, long sequence) {
        int sbp = 105 + (int) (sequence % 40);
        int dbp = 65 + (int) (sequence / 40 % 25);
        int hr = 58 + (int) (sequence / 1000 % 30);
        int spo2 = 94 + (int) (sequence % 6);
        List<String> frames = new ArrayList<>(3);
        frames.add(WatchContent.bloodPressure(sbp, dbp, hr));
        frames.add(WatchContent.oxygen(spo2));
        if (!WatchReplies.answered("oxygen")) {
            frames.add(WatchContent.heartbeat((int) (sequence % 100_000), 0, 80));
        }
        return frames;
    }

    @Override
    public String login(String deviceId) {
        return WatchContent.heartbeat(0, 0, 80);
    }
}
