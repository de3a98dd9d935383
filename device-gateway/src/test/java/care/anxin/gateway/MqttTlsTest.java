package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.store.test.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** MQTT over TLS with a PKCS12 keystore (a self-signed certificate made with the JDK's keytool). */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "anxin.gateway.port=-1",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=127.0.0.1",
                "anxin.gateway.node-id=tls-gw",
                "anxin.gateway.tls.port=0",
                "anxin.gateway.tls.keystore-password=changeit"
        })
class MqttTlsTest {

    private static final String URL = TestDatabase.newDatabaseUrl();
    private static Path keystore;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        GatewayTestBase.useDatabase(registry, URL);
        keystore = selfSignedKeystore();
        registry.add("anxin.gateway.tls.keystore", keystore::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MqttServer server;

    @Test
    void deviceConnectsAndPublishesOverTls() throws Exception {
        Fleet.Device d = new Fleet(jdbc).device("HS");
        MqttClient c = Clients.v3("ssl://127.0.0.1:" + server.tlsPort(), d.id());
        var options = Clients.v3Options(d.id(), d.secret(), true);
        options.setSocketFactory(trusting(keystore).getSocketFactory());
        c.connect(options);
        try {
            c.publish(Payloads.topic(d.id(), "event"), Payloads.event(d.id() + "-sos", "SOS"), 1, false);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS'",
                    Integer.class, d.id())).isEqualTo(1);
        } finally {
            Clients.closeQuietly(c);
        }
        assertThat(server.port()).isEqualTo(-1);
    }

    private static Path selfSignedKeystore() throws Exception {
        Path dir = Files.createTempDirectory("anxin-tls");
        Path ks = dir.resolve("gateway.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return ks;
    }

    private static SSLContext trusting(Path ks) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
