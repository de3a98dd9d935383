package care.anxin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.mqtt.TlsContextFactory;
import care.anxin.store.test.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * mTLS (TLS only: the plain listener is switched off): a client certificate is accepted only for
 * the device its CN names; a valid certificate of another device is refused (CONNACK 5), and
 * client certificates without an explicit truststore do not start.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "anxin.gateway.plain.enabled=false",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=127.0.0.1",
                "anxin.gateway.node-id=mtls-gw",
                "anxin.gateway.tls.port=0",
                "anxin.gateway.tls.keystore-password=changeit",
                "anxin.gateway.tls.client-auth=REQUIRE",
                "anxin.gateway.tls.truststore-password=changeit",
                "anxin.gateway.auth.failure-delay=50ms"
        })
class MqttMutualTlsTest {

    private static final String URL = TestDatabase.newDatabaseUrl();
    private static final String ID_A = "mtls-a-" + System.nanoTime() % 100000;
    private static final String ID_B = "mtls-b-" + System.nanoTime() % 100000;
    private static Path dir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        GatewayTestBase.useDatabase(registry, URL);
        dir = Files.createTempDirectory("anxin-mtls");
        keytool("-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p("gateway.p12"), "-storepass", "changeit", "-keypass", "changeit");
        for (String id : new String[] {ID_A, ID_B}) {
            keytool("-genkeypair", "-alias", id, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + id, "-storetype", "PKCS12", "-keystore", p(id + ".p12"),
                    "-storepass", "changeit", "-keypass", "changeit");
            keytool("-exportcert", "-alias", id, "-keystore", p(id + ".p12"), "-storepass", "changeit",
                    "-file", p(id + ".crt"));
            keytool("-importcert", "-noprompt", "-alias", id, "-file", p(id + ".crt"), "-storetype", "PKCS12",
                    "-keystore", p("devices-trust.p12"), "-storepass", "changeit");
        }
        registry.add("anxin.gateway.tls.keystore", () -> p("gateway.p12"));
        registry.add("anxin.gateway.tls.truststore", () -> p("devices-trust.p12"));
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MqttServer server;

    @Test
    void aCertificateLetsInOnlyTheDeviceItNames() throws Exception {
        Fleet fleet = new Fleet(jdbc);
        Fleet.Device a = fleet.deviceWithId(ID_A, fleet.elder("{}"), true);
        assertThat(server.port()).as("plain listener off").isEqualTo(-1);

        MqttClient ok = connect(a, ID_A);
        assertThat(ok.isConnected()).isTrue();
        Clients.closeQuietly(ok);

        try {
            Clients.closeQuietly(connect(a, ID_B));
            throw new AssertionError("device " + ID_A + " got in with the certificate of " + ID_B);
        } catch (MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);
        }
    }

    @Test
    void clientCertificatesWithoutAnExplicitTruststoreDoNotStart() {
        var tls = new GatewayProperties.Tls(p("gateway.p12"), "changeit", "PKCS12", 0,
                GatewayProperties.ClientAuth.REQUIRE, null, "");
        assertThatThrownBy(() -> TlsContextFactory.create(tls)).hasMessageContaining("truststore");
    }

    private MqttClient connect(Fleet.Device d, String certificateOf) throws Exception {
        MqttClient c = Clients.v3("ssl://127.0.0.1:" + server.tlsPort(), d.id());
        var options = Clients.v3Options(d.id(), d.secret(), true);
        options.setSocketFactory(clientContext(certificateOf).getSocketFactory());
        try {
            c.connect(options);
        } catch (MqttException e) {
            Clients.closeQuietly(c);
            throw e;
        }
        return c;
    }

    private static SSLContext clientContext(String certificateOf) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(p(certificateOf + ".p12")), "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(p("gateway.p12")));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore load(String path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }
}
