package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.limit.TokenBucket;
import care.anxin.gateway.session.DeviceLink;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.SessionEnd;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.HashMap;
import java.util.Map;

/**
 * The MQTT side of a device session: protocol level (3.1.1 or 5), clean session, and downlink
 * control-packet rates, and downlink commands as QoS 1 PUBLISHes on the device's command topic with packet ids of this connection.
 * Event-loop confined.
 */
final class MqttLink implements DeviceLink {

    private final Channel channel;
    private final String deviceId;
    private final boolean mqtt5;
    private final boolean cleanSession;
    private final CommandCodec codec;
    private final TokenBucket subscribeRate;
    private final TokenBucket pingRate;
    /** Commands published and not yet acknowledged: packet id -> command id. */
    private final Map<Integer, Long> commandsInFlight = new HashMap<>();
    private int nextPacketId;

    MqttLink(Channel channel, String deviceId, boolean mqtt5, boolean cleanSession, CommandCodec codec,
             GatewayProperties.Limits limits) {
        this.channel = channel;
        long now = System.nanoTime();
        this.subscribeRate = new TokenBucket(limits.subscribesPerSecond(), limits.subscribeBurst(), now);
        this.pingRate = new TokenBucket(limits.pingsPerSecond(), limits.pingBurst(), now);
        this.deviceId = deviceId;
        this.mqtt5 = mqtt5;
        this.cleanSession = cleanSession;
        this.codec = codec;
    }

    static MqttLink of(DeviceSession session) {
        return (MqttLink) session.link();
    }

    boolean mqtt5() {
        return mqtt5;
    }

    boolean cleanSession() {
        return cleanSession;
    }

    TokenBucket subscribeRate() {
        return subscribeRate;
    }

    TokenBucket pingRate() {
        return pingRate;
    }

    @Override
    public String protocol() {
        return mqtt5 ? "mqtt5" : "mqtt3";
    }

    @Override
    public boolean sendCommand(long commandId, DeviceCommand command) {
        do {
            nextPacketId = nextPacketId % 65535 + 1;
        } while (commandsInFlight.containsKey(nextPacketId));
        commandsInFlight.put(nextPacketId, commandId);
        channel.write(MqttMessageBuilders.publish()
                .topicName(DeviceTopic.command(deviceId))
                .qos(MqttQoS.AT_LEAST_ONCE).retained(false).messageId(nextPacketId)
                .payload(Unpooled.wrappedBuffer(codec.encode(command))).build());
        return true;
    }

    @Override
    public boolean commandInFlight(long commandId) {
        return commandsInFlight.containsValue(commandId);
    }

    /** The command acknowledged by this PUBACK, if the packet id is ours. */
    Long finishCommand(int packetId) {
        return commandsInFlight.remove(packetId);
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void end(SessionEnd why) {
        byte reason = switch (why) {
            case TAKEN_OVER -> ReasonCodes.SESSION_TAKEN_OVER;
            case REVOKED -> ReasonCodes.ADMINISTRATIVE_ACTION;
            case SHUTTING_DOWN -> ReasonCodes.SERVER_SHUTTING_DOWN;
        };
        if (mqtt5 && channel.isActive()) {
            channel.writeAndFlush(MqttReplies.disconnect(reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
