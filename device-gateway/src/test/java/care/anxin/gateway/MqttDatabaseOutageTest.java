package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.store.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away mid-stream (connections refused, sessions killed) and comes back:
 * nothing is acknowledged while it is away, the backlog stays bounded, the gateway recovers by
 * itself, and every acknowledged message is in the database.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "anxin.gateway.port=0",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=127.0.0.1",
                "anxin.gateway.node-id=outage-gw",
                "anxin.gateway.limits.inflight-global=100",
                "anxin.gateway.limits.inflight-per-connection=8",
                "anxin.gateway.limits.messages-per-second=200",
                "anxin.gateway.limits.burst=200",
                "anxin.gateway.ingest.retry-max=300ms",
                "spring.datasource.hikari.connection-timeout=1000",
                "spring.datasource.hikari.validation-timeout=500"
        })
class MqttDatabaseOutageTest {

    private static final String URL = TestDatabase.newDatabaseUrl();
    private static final int DEVICES = 12;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        GatewayTestBase.useDatabase(registry, URL);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MqttServer server;
    @Autowired
    GroupCommitWriter writer;

    @Test
    void noAcknowledgedMessageIsLostWhenTheDatabaseDisappearsAndReturns() throws Exception {
        Fleet fleet = new Fleet(jdbc);
        String uri = "tcp://127.0.0.1:" + server.port();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<MqttAsyncClient> clients = new ArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Fleet.Device d = fleet.device("WB");
            MqttAsyncClient c = new MqttAsyncClient(uri, d.id(), new MemoryPersistence());
            var options = Clients.v3Options(d.id(), d.secret(), true);
            options.setMaxInflight(20);
            c.connect(options).waitForCompletion(10_000);
            clients.add(c);
            Thread t = new Thread(() -> publish(c, d, publishing, acked, failed), "publisher-" + d.id());
            publishers.add(t);
            t.start();
        }
        Thread.sleep(1500);
        assertThat(acked).isNotEmpty();

        String db = URL.substring(URL.lastIndexOf('/') + 1);
        admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
        Thread.sleep(1500);
        int ackedDuringOutageStart = acked.size();
        int maxBacklog = 0;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            maxBacklog = Math.max(maxBacklog, writer.backlog());
        }
        assertThat(writer.failingSince()).as("commits are failing").isNotNull();
        assertThat(acked.size()).as("nothing acknowledged while the database is away").isEqualTo(ackedDuringOutageStart);
        assertThat(maxBacklog).as("backlog bounded by the read gate")
                .isLessThanOrEqualTo(100 + DEVICES * 8);

        admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
        Thread.sleep(2000);
        publishing.set(false);
        for (Thread t : publishers) {
            t.join(10_000);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (clients.stream().anyMatch(c -> c.getPendingDeliveryTokens().length > 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(writer.failingSince()).as("recovered").isNull();
        assertThat(acked.size()).isGreaterThan(ackedDuringOutageStart);
        assertThat(clients).allMatch(MqttAsyncClient::isConnected);
        for (MqttAsyncClient c : clients) {
            assertThat(c.getPendingDeliveryTokens()).isEmpty();
            c.disconnectForcibly(100, 100);
            c.close();
        }
        Set<String> stored = ConcurrentHashMap.newKeySet();
        stored.addAll(jdbc.queryForList("SELECT msg_id FROM message_dedup", String.class));
        assertThat(stored).containsAll(acked);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation", Integer.class)).isEqualTo(stored.size() * 4);
        assertThat(failed.get()).isZero();
    }

    private static void publish(MqttAsyncClient c, Fleet.Device d, AtomicBoolean publishing, Set<String> acked,
                                AtomicInteger failed) {
        int n = 0;
        while (publishing.get()) {
            String msgId = d.id() + "-" + n;
            try {
                c.publish(Payloads.topic(d.id(), "vitals"), Payloads.vitals(msgId, 70), 1, false, null,
                        new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                acked.add(msgId);
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                failed.incrementAndGet();
                            }
                        });
                n++;
                Thread.sleep(20);
            } catch (MqttException e) {
                // Paho's in-flight window is full (the gateway is holding acks): wait like a device would.
                sleepQuietly(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = TestDatabase.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
