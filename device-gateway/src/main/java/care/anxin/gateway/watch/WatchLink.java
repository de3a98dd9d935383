package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.gateway.session.DeviceLink;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.SessionEnd;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The watch side of a device session: commands go out as frames with the manufacturer prefix the
 * watch uses; the watch answers by type only, so commands in flight are matched per type, oldest
 * first. The protocol has no goodbye: ending a session closes the socket. Event-loop confined.
 */
final class WatchLink implements DeviceLink {

    private final Channel channel;
    private final String manufacturer;
    private final String deviceId;
    /** Commands written and not yet answered, per answer type, in send order. */
    private final Map<String, ArrayDeque<Long>> inFlight = new HashMap<>();

    WatchLink(Channel channel, String manufacturer, String deviceId) {
        this.channel = channel;
        this.manufacturer = manufacturer;
        this.deviceId = deviceId;
    }

    static WatchLink of(DeviceSession session) {
        return (WatchLink) session.link();
    }

    String manufacturer() {
        return manufacturer;
    }

    @Override
    public String protocol() {
        return "watch";
    }

    @Override
    public boolean sendCommand(long commandId, DeviceCommand command) {
        Optional<String> content = WatchCommands.content(command);
        if (content.isEmpty()) {
            return false;
        }
        inFlight.computeIfAbsent(WatchCommands.answerType(content.get()), t -> new ArrayDeque<>()).add(commandId);
        channel.write(WatchFrame.text(manufacturer, deviceId, null, content.get()));
        return true;
    }

    @Override
    public boolean commandInFlight(long commandId) {
        return inFlight.values().stream().anyMatch(q -> q.contains(commandId));
    }

    /** The command the watch's answer of this type acknowledges (the oldest of that type), if any. */
    Long finishCommand(String answerType) {
        ArrayDeque<Long> q = inFlight.get(answerType);
        return q == null ? null : q.poll();
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void end(SessionEnd why) {
        channel.close();
    }
}
