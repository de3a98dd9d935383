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
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
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

    /** Encoded byte streams of real sessions (CONNECT + PUBLISH + SUBSCRIBE + PINGREQ), v3.1.1 and v5. */
    private static byte[][] validSessions(Fleet.Device d) {
        return new byte[][] {session(d, MqttVersion.MQTT_3_1_1), session(d, MqttVersion.MQTT_5)};
    }

    private static byte[] session(Fleet.Device d, MqttVersion version) {
        EmbeddedChannel ch = new EmbeddedChannel(MqttEncoder.INSTANCE);
        ch.writeOutbound(RawMqtt.connectMessage(d, version));
        ch.writeOutbound(MqttMessageBuilders.publish().topicName(Payloads.topic(d.id(), "vitals")).qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(7).retained(false).payload(Unpooled.wrappedBuffer(Payloads.vitals("fz", 80))).build());
        ch.writeOutbound(MqttMessageBuilders.subscribe().messageId(8)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "anxin/v1/" + d.id() + "/down/command").build());
        ch.writeOutbound(MqttMessage.PINGREQ);
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
