package care.anxin.simulator.run;

import care.anxin.simulator.provision.ProvisionedCommunity;
import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.ElderProfile;
import care.anxin.simulator.scenario.SimAction;
import care.anxin.simulator.watch.WatchEndpoint;
import care.anxin.simulator.watch.WatchLink;
import care.anxin.simulator.watch.WatchUplinkEncoder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenario's protocol watches: one {@link WatchLink} per wearer on one shared event loop, the
 * generator's actions for a wearer encoded as watch frames. A text the platform sends a watch is
 * logged and handed to {@code onText} (the simulation counts "help is coming"); a {@code CR} is
 * answered with a fresh fix from the generator.
 */
final class WatchFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchFleet.class);

    private final EventLoopGroup group = new NioEventLoopGroup(1, r -> {
        Thread t = new Thread(r, "simulation-watches");
        t.setDaemon(true);
        return t;
    });
    private final WatchUplinkEncoder encoder = new WatchUplinkEncoder();
    private final Map<String, WatchLink> links = new LinkedHashMap<>();

    /**
     * @param endpoint  the platform's watch listener, {@code host:port}
     * @param locate    a fresh fix of an elder (the answer to CR)
     * @param onText    (watch id, text) for every text message a watch shows
     */
    WatchFleet(String endpoint, ProvisionedCommunity community, List<ElderProfile> wearers, Duration replyTimeout,
               IntFunction<List<SimAction>> locate, BiConsumer<String, String> onText) {
        WatchEndpoint target = WatchEndpoint.parse(endpoint);
        for (ElderProfile elder : wearers) {
            String id = community.deviceId(DeviceRole.WRISTBAND, elder.index());
            Wearer wearer = new Wearer(elder, id, locate, onText);
            wearer.link = new WatchLink(group.next(), target.host(), target.port(), id, wearer.label, () -> encoder.heartbeat(id), replyTimeout, wearer);
            links.put(id, wearer.link);
        }
    }

    /** What a wearer's watch does with the platform's commands: show and count texts, answer CR with a fix. */
    private final class Wearer implements WatchLink.Listener {
        private final ElderProfile elder;
        private final String id;
        private final String label;
        private final IntFunction<List<SimAction>> locate;
        private final BiConsumer<String, String> onText;
        private WatchLink link;

        Wearer(ElderProfile elder, String id, IntFunction<List<SimAction>> locate, BiConsumer<String, String> onText) {
            this.elder = elder;
            this.id = id;
            this.label = elder.name() + " 定位手表";
            this.locate = locate;
            this.onText = onText;
        }

        @Override
        public void onText(String text) {
            log.info("COMMAND text message on watch {} ({}): {}", id, label, text);
            onText.accept(id, text);
        }

        @Override
        public void onLocate() {
            log.info("COMMAND CR (locate now) to watch {} ({})", id, label);
            locate.apply(elder.index()).forEach(action -> send(link, action));
        }
    }

    boolean owns(String deviceId) {
        return links.containsKey(deviceId);
    }

    int size() {
        return links.size();
    }

    long connected() {
        return links.values().stream().filter(WatchLink::connected).count();
    }

    void connectAll() {
        links.values().forEach(WatchLink::connect);
    }

    /** Plays an action of a wearer on their watch; returns the frames sent (0 for none). */
    int dispatch(String deviceId, SimAction action) {
        WatchLink link = links.get(deviceId);
        if (action instanceof SimAction.Connectivity c) {
            // The watch is the wristband role: the handset's own coverage gaps do not concern it.
            if (c.device() == DeviceRole.WRISTBAND) {
                if (c.online()) {
                    link.connect();
                } else {
                    link.dropConnection();
                }
            }
            return 0;
        }
        return send(link, action);
    }

    private int send(WatchLink link, SimAction action) {
        List<String> frames = encoder.encode(link.deviceId(), action);
        frames.forEach(link::send);
        return frames.size();
    }

    /** Totals over the fleet: sent, replies, resent after a reconnect, texts shown, refused logins. */
    Map<String, Long> counters() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (WatchLink link : links.values()) {
            WatchLink.Counters c = link.counters();
            totals.merge("watchFramesSent", c.sent.sum(), Long::sum);
            totals.merge("watchReplies", c.replies.sum(), Long::sum);
            totals.merge("watchResent", c.resent.sum(), Long::sum);
            totals.merge("watchTexts", c.texts.sum(), Long::sum);
            totals.merge("watchRefused", c.refused.sum(), Long::sum);
        }
        return totals;
    }

    @Override
    public void close() {
        links.values().forEach(WatchLink::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
