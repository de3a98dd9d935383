package care.anxin.gateway.mqtt;

import care.anxin.gateway.config.GatewayProperties;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the server's TLS context (TLS 1.3 and 1.2 only) from the configured keystore, and for
 * client certificates from an explicitly configured truststore (required then).
 */
public final class TlsContextFactory {

    private TlsContextFactory() {
    }

    public static SslContext create(GatewayProperties.Tls tls) {
        try {
            KeyStore keys = load(tls.keystore(), tls.keystoreType(), tls.keystorePassword());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, tls.keystorePassword().toCharArray());
            SslContextBuilder builder = SslContextBuilder.forServer(kmf).protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(switch (tls.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRE -> ClientAuth.REQUIRE;
                    });
            boolean clientCertificates = tls.clientAuth() != GatewayProperties.ClientAuth.NONE;
            boolean truststore = tls.truststore() != null && !tls.truststore().isBlank();
            if (clientCertificates && !truststore) {
                // Never fall back to the JDK's CAs: any certificate from a public CA would be a device.
                throw new IllegalStateException("anxin.gateway.tls.client-auth=" + tls.clientAuth()
                        + " requires an explicit anxin.gateway.tls.truststore");
            }
            if (truststore) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.truststore(), tls.keystoreType(), tls.truststorePassword()));
                builder.trustManager(tmf);
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up MQTT TLS from keystore " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String type, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}
