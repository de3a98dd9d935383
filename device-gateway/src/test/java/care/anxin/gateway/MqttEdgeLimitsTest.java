package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.store.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The socket edge: an absolute CONNECT deadline (slowloris), PROXY protocol v2 honoured only from
 * a trusted load balancer (127.0.3.1 here) and refused from anybody else, and control-packet floods.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "anxin.gateway.port=0",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=0.0.0.0",
                "anxin.gateway.node-id=edge-gw",
                "anxin.gateway.limits.connect-timeout=1500ms",
                "anxin.gateway.limits.subscribe-burst=3",
                "anxin.gateway.limits.subscribes-per-second=1",
                "anxin.gateway.proxy.trusted-addresses=127.0.3.1/32"
        })
class MqttEdgeLimitsTest {

    private static final String URL = TestDatabase.newDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        GatewayTestBase.useDatabase(registry, URL);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MqttServer server;
    @Autowired
    SessionRegistry registry;
    @Autowired
    MeterRegistry meters;

    @Test
    void aSlowlorisSocketIsClosedAtTheConnectDeadlineWhateverItSends() throws Exception {
        byte[] connect = {0x10, 0x30, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C};
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            long t0 = System.nanoTime();
            OutputStream out = s.getOutputStream();
            Thread dribble = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        out.write(connect[i % connect.length]);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (Exception closed) {
                    // the server hung up
                }
            });
            dribble.setDaemon(true);
            dribble.start();
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(read).as("closed without an answer").isEqualTo(-1);
            assertThat(ms).as("closed at the 1.5 s deadline despite a byte every 200 ms").isBetween(1300L, 6000L);
        }
    }

    @Test
    void aProxyV2HeaderFromTheTrustedBalancerNamesTheDevicesAddress() throws Exception {
        Fleet.Device d = new Fleet(jdbc).device("HS");
        try (RawMqtt raw = RawMqtt.open(server.port(), "127.0.3.1", proxyV2("203.0.113.7"))) {
            MqttMessage ack = raw.login(d, MqttVersion.MQTT_3_1_1);
            assertThat(((MqttConnAckMessage) ack).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> registry.get(d.id()).isPresent());
            assertThat(registry.get(d.id()).orElseThrow().remoteAddress()).isEqualTo("203.0.113.7");
        }
    }

    @Test
    void aProxyHeaderFromAnUntrustedPeerIsRefused() throws Exception {
        Fleet.Device d = new Fleet(jdbc).device("HS");
        try (RawMqtt raw = RawMqtt.open(server.port(), "127.0.3.2", proxyV2("203.0.113.8"))) {
            raw.sendQuietly(RawMqtt.connectMessage(d, MqttVersion.MQTT_3_1_1));
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(registry.get(d.id())).isEmpty();
        // The trusted balancer must send the header: plain MQTT from it is refused too.
        try (RawMqtt raw = RawMqtt.open(server.port(), "127.0.3.1", null)) {
            raw.sendQuietly(RawMqtt.connectMessage(d, MqttVersion.MQTT_3_1_1));
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        // Direct devices are unaffected.
        try (RawMqtt raw = RawMqtt.open(server.port(), "127.0.3.3", null)) {
            MqttMessage ack = raw.login(d, MqttVersion.MQTT_3_1_1);
            assertThat(((MqttConnAckMessage) ack).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        }
    }

    @Test
    void aSubscribeFloodIsDisconnected() throws Exception {
        Fleet.Device d = new Fleet(jdbc).device("HS");
        try (RawMqtt raw = RawMqtt.open(server.port())) {
            raw.login(d, MqttVersion.MQTT_5);
            for (int i = 1; i <= 30 && raw.isOpen(); i++) {
                raw.sendQuietly(MqttMessageBuilders.subscribe().messageId(i)
                        .addSubscription(MqttQoS.AT_LEAST_ONCE, "anxin/v1/" + d.id() + "/down/command").build());
            }
            MqttMessage m;
            MqttMessage disconnect = null;
            while ((m = raw.next(Duration.ofSeconds(3))) != null) {
                if (m.fixedHeader().messageType() == MqttMessageType.DISCONNECT) {
                    disconnect = m;
                    break;
                }
            }
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).as("closed after the flood").isTrue();
            // The DISCONNECT may be lost to the TCP reset of a socket closed with unread SUBSCRIBEs in it.
            if (disconnect != null) {
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                        .isEqualTo((byte) 0x96);
            }
        }
        assertThat(meters.counter("anxin.gateway.rejects", "reason", "control_rate").count()).isGreaterThanOrEqualTo(1);
    }

    private byte[] proxyV2(String source) {
        EmbeddedChannel ch = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        ch.writeOutbound(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                HAProxyProxiedProtocol.TCP4, source, "127.0.0.1", 40000, server.port()));
        ByteBuf b = ch.readOutbound();
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        ch.finishAndReleaseAll();
        return bytes;
    }
}
