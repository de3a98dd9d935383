package care.anxin.simulator.load;

import java.util.List;

/**
 * What a bench watch sends as one message: frame contents in order, the last one a frame the
 * platform answers (its reply, sent after the frames are committed, ends the message's latency).
 */
public interface WatchFrameSource {

    List<String> frames(String deviceId, long sequence);

    /** The heartbeat that opens a connection (the platform answers it once the id is accepted). */
    String login(String deviceId);
}
