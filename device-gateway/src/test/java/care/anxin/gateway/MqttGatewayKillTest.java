package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.schema.SchemaMigrator;
import care.anxin.store.test.TestDatabase;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gateway process is killed (SIGKILL) while 100+ devices publish: every message a device
 * saw acknowledged is in the database.
 */
class MqttGatewayKillTest {

    private static final int DEVICES = 120;

    @Test
    void everyAcknowledgedMessageSurvivesAKilledGateway() throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        DataSource ds = TestDatabase.dataSource(url);
        SchemaMigrator.migrate(ds);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Fleet fleet = new Fleet(jdbc);
        List<Fleet.Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            devices.add(fleet.device("KL"));
        }
        int port = freePort();
        Path log = Files.createTempFile("gateway-kill", ".log");
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GatewayApplication.class.getName(),
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--server.port=0", "--anxin.gateway.port=" + port, "--anxin.gateway.watch.port=0",
                "--anxin.gateway.bind-address=127.0.0.1", "--anxin.gateway.node-id=kill-gw",
                "--anxin.store.maintenance.enabled=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<MqttAsyncClient> clients = new ArrayList<>();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = null;
        try {
            awaitPort(port, gateway, log);
            for (Fleet.Device d : devices) {
                MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + port, d.id(), new MemoryPersistence());
                var options = Clients.v3Options(d.id(), d.secret(), true);
                options.setMaxInflight(50);
                c.connect(options).waitForCompletion(30_000);
                clients.add(c);
            }
            publisher = new Thread(() -> {
                int n = 0;
                while (publishing.get()) {
                    for (int i = 0; i < clients.size() && publishing.get(); i++) {
                        String msgId = devices.get(i).id() + "-" + n;
                        try {
                            clients.get(i).publish(Payloads.topic(devices.get(i).id(), "vitals"), Payloads.vitals(msgId, 70),
                                    1, false, null, new IMqttActionListener() {
                                        @Override
                                        public void onSuccess(IMqttToken token) {
                                            acked.add(msgId);
                                        }

                                        @Override
                                        public void onFailure(IMqttToken token, Throwable e) {
                                        }
                                    });
                        } catch (MqttException e) {
                            // in-flight window full or connection gone: a device would retry later
                        }
                    }
                    n++;
                    sleep(100);
                }
            }, "kill-test-publisher");
            publisher.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (acked.size() < 1000 && System.currentTimeMillis() < deadline) {
                sleep(50);
            }
            gateway.destroyForcibly();
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            publishing.set(false);
            if (publisher != null) {
                publisher.join(10_000);
            }
            gateway.destroyForcibly();
            for (MqttAsyncClient c : clients) {
                try {
                    c.disconnectForcibly(0, 10, false);
                    c.close(true);
                } catch (MqttException ignored) {
                    // the gateway is dead
                }
            }
        }
        Set<String> ackedCopy = new HashSet<>(acked);
        assertThat(ackedCopy).as("acknowledged before the kill").hasSizeGreaterThan(100);
        Set<String> stored = new HashSet<>(jdbc.queryForList("SELECT msg_id FROM message_dedup", String.class));
        System.out.printf("gateway killed: %d acknowledged, %d stored%n", ackedCopy.size(), stored.size());
        assertThat(stored).containsAll(ackedCopy);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation", Integer.class)).isEqualTo(stored.size() * 4);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process gateway, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!gateway.isAlive()) {
                throw new AssertionError("gateway died: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (java.io.IOException notYet) {
                sleep(200);
            }
        }
        throw new AssertionError("gateway did not start: " + Files.readString(log));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
