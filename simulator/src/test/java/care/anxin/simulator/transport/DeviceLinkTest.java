package care.anxin.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.simulator.bench.MosquittoProcess;
import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.SimAction;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** A simulated device over Paho against a real broker (mosquitto, when installed). */
class DeviceLinkTest {

    @Test
    void publishesReceivesCommandsAndLeavesItsWillWhenDropped() throws Exception {
        Optional<MosquittoProcess> started = MosquittoProcess.start("mosquitto", Files.createTempDirectory("mq").resolve("log"));
        assumeTrue(started.isPresent(), "mosquitto not installed");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (MosquittoProcess mosquitto = started.get()) {
            String broker = "tcp://127.0.0.1:" + mosquitto.port();
            BlockingQueue<String> uplinks = new LinkedBlockingQueue<>();
            MqttClient observer = new MqttClient(broker, "observer", new MemoryPersistence());
            observer.connect();
            observer.subscribe("anxin/v1/+/up/+", 1, (topic, message) -> uplinks.add(topic + " " + new String(message.getPayload())));

            BlockingQueue<DeviceCommand> commands = new LinkedBlockingQueue<>();
            UplinkEncoder encoder = new UplinkEncoder();
            DeviceLink link = new DeviceLink(broker, "HS-TEST-0001", "secret", "测试 一键通", encoder, scheduler,
                    () -> "rotated", commands::add);
            link.connect();
            for (int i = 0; i < 50 && !link.connected(); i++) {
                Thread.sleep(100);
            }
            assertThat(link.connected()).isTrue();
            Thread.sleep(300); // subscription to the command topic

            link.publish(encoder.encode("HS-TEST-0001", new SimAction.Event(Instant.now(), 0, DeviceRole.HANDSET, "m-1", "SOS",
                    31.23, 121.47, 80, null, null)).orElseThrow());
            assertThat(uplinks.poll(5, TimeUnit.SECONDS)).startsWith("anxin/v1/HS-TEST-0001/up/event").contains("\"type\":\"SOS\"");

            byte[] ack = new CommandCodec().encode(new DeviceCommand("1042", CommandType.ALERT_ACK, Instant.now(), 311L,
                    "已收到您的紧急呼叫", "Help is on the way", null, null));
            observer.publish(DeviceTopic.command("HS-TEST-0001"), ack, 1, false);
            DeviceCommand received = commands.poll(5, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.type()).isEqualTo(CommandType.ALERT_ACK);
            assertThat(received.alertId()).isEqualTo(311L);

            link.dropConnection();
            String will = uplinks.poll(5, TimeUnit.SECONDS);
            assertThat(will).startsWith("anxin/v1/HS-TEST-0001/up/status").contains("\"online\":false");
            assertThat(link.connected()).isFalse();

            link.connect();
            for (int i = 0; i < 50 && !link.connected(); i++) {
                Thread.sleep(100);
            }
            assertThat(link.connected()).isTrue();
            link.close();
            observer.disconnect();
            observer.close();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
