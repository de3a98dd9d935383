package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Malformed input: random bytes and mutated valid MQTT packets over raw sockets, and mutated JSON
 * payloads from an authenticated device, while a well-behaved Paho device keeps publishing. The
 * server must keep serving it and answer every payload with 0x00 or 0x99, never crash.
 */
class MqttFuzzTest extends GatewayTestBase {

    private static final long SEED = Long.getLong("anxin.fuzz.seed", System.nanoTime());

    static {
        // Printed so a failure can be replayed: mvn ... -Danxin.fuzz.seed=<seed>
        System.out.println("MqttFuzzTest seed: " + SEED + " (replay with -Danxin.fuzz.seed=" + SEED + ")");
    }

    @Test
    void randomAndMutatedPacketsDoNotDisturbOtherDevices() throws Exception {
        Random random = new Random(SEED);
        Fleet.Device neighbour = fleet.device("WB");
        Fleet.Device victim = fleet.device("WB");
        MqttClient good = Clients.v3Connected(uri(), neighbour, true);
        AtomicInteger acked = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread steady = new Thread(() -> {
            int n = 0;
            while (running.get()) {
                try {
                    good.publish(Payloads.topic(neighbour.id(), "vitals"), Payloads.vitals(neighbour.id() + "-" + n++, 70), 1, false);
                    acked.incrementAndGet();
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        steady.start();
        try {
            byte[][] seeds = validSessions(victim);
            for (int i = 0; i < 150; i++) {
                byte[] bytes = i % 3 == 0 ? randomBytes(random) : mutate(seeds[random.nextInt(seeds.length)], random);
                exchange(bytes);
            }
            int before = acked.get();
            Thread.sleep(1000);
            assertThat(acked.get()).as("neighbour still acknowledged (seed %d)", SEED).isGreaterThan(before);
            assertThat(good.isConnected()).isTrue();
        } finally {
            running.set(false);
            steady.join(5000);
            Clients.closeQuietly(good);
        }
        assertThat(server.listening()).isTrue();
        MqttClient fresh = Clients.v3Connected(uri(), fleet.device("WB"), true);
        assertThat(fresh.isConnected()).isTrue();
        Clients.closeQuietly(fresh);
    }

    @Test
    void mutatedPayloadsAreAnsweredAcceptedOrRejectedNeverDropped() throws Exception {
        Random random = new Random(SEED);
        Fleet.Device d = fleet.device("HS");
        String[] kinds = {"vitals", "location", "event", "status"};
        byte[][] valid = {Payloads.vitals("m", 70), Payloads.event("m", "FALL"), Payloads.status("m", 50),
                ("{\"msgId\":\"m\",\"ts\":\"" + Payloads.now() + "\",\"lat\":31.2,\"lon\":121.4}").getBytes(StandardCharsets.UTF_8)};
        try (V5Device v5 = new V5Device(uri(), d)) {
            for (int i = 0; i < 30; i++) {
                byte[] payload = mutate(valid[random.nextInt(valid.length)], random);
                int code = v5.publish(Payloads.topic(d.id(), kinds[random.nextInt(kinds.length)]), payload, 1);
                assertThat(code).as("payload %s (seed %d)", new String(payload, StandardCharsets.UTF_8), SEED)
                        .isIn(0x00, 0x99);
                Thread.sleep(60); // stay under the per-device message rate
            }
            assertThat(v5.client.isConnected()).isTrue();
        }
    }

    /**
     * The bench profile ({@code mvn -pl device-gateway verify -Pfuzz-bench}, or
     * {@code -Danxin.fuzz.packets=1000000}): at least that many hostile packets over real sockets —
     * rounds of a valid CONNECT followed by 200 frames drawn from real traffic (own and foreign
     * PUBLISH, SUBSCRIBE, UNSUBSCRIBE, PINGREQ), one in ten mutated — while the neighbour keeps
     * publishing. Prints packets per second. Skipped in the normal build.
     */
    @Test
    void benchProfileHostilePacketStream() throws Exception {
        long packets = Long.getLong("anxin.fuzz.packets", 0);
        Assumptions.assumeTrue(packets > 0, "set -Danxin.fuzz.packets (the fuzz-bench profile does)");
        Random random = new Random(SEED);
        Fleet.Device neighbour = fleet.device("WB");
        Fleet.Device attacker = fleet.device("WB");
        MqttClient good = Clients.v3Connected(uri(), neighbour, true);
        byte[] connect = encode(RawMqtt.connectMessage(attacker, MqttVersion.MQTT_3_1_1));
        byte[][] frames = frames(attacker, random);
        long sent = 0;
        long rounds = 0;
        long t0 = System.nanoTime();
        try {
            while (sent < packets) {
                ByteArrayOutputStream round = new ByteArrayOutputStream();
                round.writeBytes(connect);
                for (int i = 0; i < 200; i++) {
                    byte[] f = frames[random.nextInt(frames.length)];
                    round.writeBytes(random.nextInt(10) == 0 ? mutate(f, random) : f);
                }
                sent += 201;
                rounds++;
                exchange(round.toByteArray());
                if (rounds % 500 == 0) {
                    good.publish(Payloads.topic(neighbour.id(), "vitals"), Payloads.vitals(neighbour.id() + "-b" + rounds, 70), 1, false);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("fuzz bench: %,d packets sent in %,d connections over %.0f s (%,.0f packets/s), seed %d%n",
                    sent, rounds, seconds, sent / seconds, SEED);
            good.publish(Payloads.topic(neighbour.id(), "vitals"), Payloads.vitals(neighbour.id() + "-end", 70), 1, false);
            assertThat(good.isConnected()).isTrue();
            assertThat(server.listening()).isTrue();
        } finally {
            Clients.closeQuietly(good);
        }
    }

    private static byte[][] frames(Fleet.Device d, Random random) {
        List<MqttMessage> messages = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            messages.add(MqttMessageBuilders.publish().topicName(Payloads.topic(i % 4 == 0 ? "someone-else" : d.id(), "status"))
                    .qos(MqttQoS.AT_MOST_ONCE).retained(false).messageId(0)
                    .payload(Unpooled.wrappedBuffer(mutate(Payloads.status("f" + i, 50), random))).build());
            messages.add(MqttMessageBuilders.subscribe().messageId(i)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "anxin/v1/" + (i % 2 == 0 ? d.id() : "#") + "/down/command").build());
            messages.add(MqttMessageBuilders.unsubscribe().messageId(100 + i).addTopicFilter("anxin/v1/x/down/command").build());
            messages.add(MqttMessage.PINGREQ);
        }
        return messages.stream().map(MqttFuzzTest::encode).toArray(byte[][]::new);
    }

    /** The packets' bytes as MQTT puts them on the wire, one after the other. */
    private static byte[] encode(MqttMessage... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(MqttEncoder.INSTANCE);
        for (MqttMessage m : messages) {
            ch.writeOutbound(m);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        ch.finishAndReleaseAll();
        return out.toByteArray();
    }

    /** Encoded byte streams of real sessions (CONNECT + PUBLISH + SUBSCRIBE + PINGREQ), v3.1.1 and v5. */
    private static byte[][] validSessions(Fleet.Device d) {
        return new byte[][] {session(d, MqttVersion.MQTT_3_1_1), session(d, MqttVersion.MQTT_5)};
    }

    private static byte[] session(Fleet.Device d, MqttVersion version) {
        return encode(RawMqtt.connectMessage(d, version),
                MqttMessageBuilders.publish().topicName(Payloads.topic(d.id(), "vitals")).qos(MqttQoS.AT_LEAST_ONCE)
                        .messageId(7).retained(false).payload(Unpooled.wrappedBuffer(Payloads.vitals("fz", 80))).build(),
                MqttMessageBuilders.subscribe().messageId(8)
                        .addSubscription(MqttQoS.AT_LEAST_ONCE, "anxin/v1/" + d.id() + "/down/command").build(),
                MqttMessage.PINGREQ);
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[1 + random.nextInt(3000)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            switch (random.nextInt(3)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                default -> {
                    int cut = random.nextInt(b.length);
                    b = java.util.Arrays.copyOf(b, Math.max(1, cut));
                }
            }
        }
        return b;
    }

    /** Sends the bytes, reads whatever comes back for a moment, closes. */
    private void exchange(byte[] bytes) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(150);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[512];
            try {
                while (in.read(buf) >= 0) {
                    // drain until the server closes or goes quiet
                }
            } catch (SocketTimeoutException quiet) {
                // the server is waiting for more: fine
            }
        } catch (java.net.SocketException reset) {
            // the server dropped us mid-write: fine
        }
    }
}
