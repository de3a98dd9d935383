package care.anxin.simulator.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One simulated device on a shared event loop: CONNECT, then QoS 1 publishes with a bounded
 * in-flight window, PUBACK latency into {@link LoadStats}. All state is touched only on the
 * channel's event loop, so nothing here is locked.
 */
public final class LoadConnection extends SimpleChannelInboundHandler<MqttMessage> implements LoadDevice {

    private static final int MAX_OWED = 1_000;
    /** Messages a paced device may send back to back (the gateway allows 40 at 20/s). */
    private static final double BURST = 10;

    private final DeviceCredential device;
    private final boolean authenticate;
    private final int keepAliveSec;
    private final PayloadSource payloads;
    private final LoadStats stats;
    private final int window;
    private final long[] sentAt;
    private final int[] slotPacket;
    private final ArrayDeque<Long> owed = new ArrayDeque<>();
    private final CompletableFuture<LoadConnection> connected = new CompletableFuture<>();
    private final String topic;
    private volatile Consumer<byte[]> commandListener = payload -> { };
    private Channel channel;
    private int nextPacketId;
    private CompletableFuture<Void> suback;
    private int inflight;
    private long sequence;
    private boolean saturate;
    private volatile boolean closing;

    /** Client-side pace of a device (a token bucket), so catching up never bursts past the gateway's limit. */
    private final double tokensPerNano;
    private final double maxTokens;
    private double tokens;
    private long tokensAt;
    private boolean drainScheduled;

    LoadConnection(DeviceCredential device, boolean authenticate, int keepAliveSec, PayloadSource payloads,
                   LoadStats stats, int window, double maxPerSecond) {
        this.tokensPerNano = maxPerSecond / 1e9;
        this.maxTokens = Math.max(1, Math.min(BURST, maxPerSecond));
        this.tokens = maxTokens;
        this.tokensAt = System.nanoTime();
        this.device = device;
        this.authenticate = authenticate;
        this.keepAliveSec = keepAliveSec;
        this.payloads = payloads;
        this.stats = stats;
        this.window = window;
        int slots = Integer.highestOneBit(Math.max(4, window * 4) - 1) << 1;
        this.sentAt = new long[slots];
        this.slotPacket = new int[slots];
        this.topic = payloads.topic(device.deviceId());
    }

    public String deviceId() {
        return device.deviceId();
    }

    CompletableFuture<LoadConnection> connected() {
        return connected;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public void onCommand(Consumer<byte[]> listener) {
        this.commandListener = listener;
    }

    /** Subscribes to the device's own command topic (QoS 1), as a handset does; completes on SUBACK. */
    public CompletableFuture<Void> subscribeToCommands() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            suback = done;
            channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(nextPacketId())
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "anxin/v1/" + device.deviceId() + "/down/command").build());
        });
        return done;
    }

    /** Publishes one message now if the window allows, else owes it (latency still counts from now). */
    @Override
    public void tick() {
        long now = System.nanoTime();
        if (!channel.isActive() || closing) {
            return;
        }
        if (inflight < window && owed.isEmpty() && takeToken(now)) {
            publish(now);
        } else if (owed.size() < MAX_OWED) {
            owed.add(now);
            drainLater(now);
        } else {
            stats.errors.increment(); // the server is so far behind that this device would have dropped data
        }
    }

    /** Whether the device may send one more message now (always, when not paced). */
    private boolean takeToken(long now) {
        if (tokensPerNano == 0) {
            return true;
        }
        tokens = Math.min(maxTokens, tokens + (now - tokensAt) * tokensPerNano);
        tokensAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Sends owed messages as the window and the pace allow; when only the pace holds them, tries again when a token is due. */
    private void drainOwed() {
        drainScheduled = false;
        long now = System.nanoTime();
        while (!owed.isEmpty() && inflight < window && channel.isActive() && !closing) {
            if (!takeToken(now)) {
                drainLater(now);
                return;
            }
            if (!publish(owed.poll())) {
                return; // an old message still holds the packet id's slot; the next PUBACK tries again
            }
        }
    }

    private void drainLater(long now) {
        if (tokensPerNano == 0 || drainScheduled || inflight >= window) {
            return; // unpaced, already due, or a PUBACK will release the next one
        }
        drainScheduled = true;
        long wait = (long) Math.max(0, (1 - tokens) / tokensPerNano);
        channel.eventLoop().schedule(this::drainOwed, Math.max(wait, 100_000), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Keeps the window full from now on: every PUBACK releases the next publish (max-rate mode). */
    @Override
    public void saturate() {
        saturate = true;
        while (inflight < window && channel.isActive()) {
            publish(System.nanoTime());
        }
    }

    /** Publishes an arbitrary payload on the event loop (SOS and other one-offs); returns the send time. */
    public void publishNow(String otherTopic, byte[] payload, Consumer<Long> sentNanos) {
        channel.eventLoop().execute(() -> {
            long now = System.nanoTime();
            if (sendPublish(otherTopic, payload, now)) {
                sentNanos.accept(now);
            }
        });
    }

    @Override
    public void close() {
        closing = true;
        saturate = false;
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(MqttMessage.DISCONNECT).addListener(f -> channel.close());
        }
    }

    int inflight() {
        return inflight;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        var connect = MqttMessageBuilders.connect()
                .clientId(device.deviceId())
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true)
                .keepAlive(keepAliveSec);
        if (authenticate) {
            connect.hasUser(true).username(device.deviceId())
                    .hasPassword(true).password(device.secret().getBytes(StandardCharsets.UTF_8));
        }
        ctx.writeAndFlush(connect.build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttMessageType type = msg.fixedHeader().messageType();
        switch (type) {
            case CONNACK -> {
                MqttConnectReturnCode code = ((MqttConnAckMessage) msg).variableHeader().connectReturnCode();
                if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    stats.connected.incrementAndGet();
                    connected.complete(this);
                } else {
                    connected.completeExceptionally(new ConnectRefused(device.deviceId(), code.name()));
                    ctx.close();
                }
            }
            case PUBACK -> onPubAck(((MqttPubAckMessage) msg).variableHeader().messageId());
            case PUBLISH -> onPublish(ctx, (MqttPublishMessage) msg);
            case DISCONNECT -> stats.dropped.increment();
            case SUBACK -> {
                if (suback != null) {
                    suback.complete(null);
                }
            }
            default -> { } // PINGRESP
        }
    }

    private void onPubAck(int packetId) {
        int slot = packetId & (sentAt.length - 1);
        if (slotPacket[slot] != packetId || sentAt[slot] == 0) {
            stats.errors.increment(); // an ack for something we never sent
            return;
        }
        stats.recordLatency(System.nanoTime() - sentAt[slot]);
        sentAt[slot] = 0;
        inflight--;
        stats.acked.increment();
        if (closing) {
            return;
        }
        if (!owed.isEmpty()) {
            drainOwed();
        } else if (saturate) {
            publish(System.nanoTime());
        }
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        byte[] payload = new byte[publish.payload().readableBytes()];
        publish.payload().readBytes(payload);
        stats.commandsReceived.increment();
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(new MqttPubAckMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                    MqttMessageIdVariableHeader.from(publish.variableHeader().packetId())));
        }
        commandListener.accept(payload);
    }

    private boolean publish(long dueNanos) {
        return sendPublish(topic, payloads.payload(device.deviceId(), ++sequence), dueNanos);
    }

    private boolean sendPublish(String toTopic, byte[] payload, long dueNanos) {
        int packetId = nextPacketId();
        int slot = packetId & (sentAt.length - 1);
        if (sentAt[slot] != 0) {
            owed.addFirst(dueNanos); // an old message still holds this slot; try again on the next ack
            return false;
        }
        sentAt[slot] = dueNanos;
        slotPacket[slot] = packetId;
        inflight++;
        stats.published.increment();
        MqttPublishMessage message = MqttMessageBuilders.publish()
                .topicName(toTopic).qos(MqttQoS.AT_LEAST_ONCE).retained(false)
                .messageId(packetId).payload(Unpooled.wrappedBuffer(payload)).build();
        channel.writeAndFlush(message, channel.voidPromise());
        return true;
    }

    private int nextPacketId() {
        nextPacketId = nextPacketId % 65_535 + 1;
        return nextPacketId;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.writeAndFlush(MqttMessage.PINGREQ);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connected.isDone() && !connected.isCompletedExceptionally()) {
            stats.connected.decrementAndGet();
            if (!closing) {
                stats.dropped.increment();
            }
        }
        connected.completeExceptionally(new IllegalStateException(device.deviceId() + ": connection closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.errors.increment();
        ctx.close();
    }
}
