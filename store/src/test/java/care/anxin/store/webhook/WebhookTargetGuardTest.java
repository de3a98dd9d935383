package care.anxin.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSRF guard's rules, with a resolver the test controls (a name that resolves to loopback, rebinding). */
class WebhookTargetGuardTest {

    private static WebhookTargetGuard.Resolver dns(Map<String, String> answers) {
        return host -> {
            String ip = answers.get(host);
            if (ip == null) {
                if (host.matches("[0-9.:a-f]+")) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(ip)};
        };
    }

    private static WebhookProperties settings(boolean allowHttp, List<String> allowed, List<String> own) {
        return new WebhookProperties(allowHttp, allowed, own, null, Path.of("unused"), Duration.ofHours(24));
    }

    private final Map<String, String> answers = Map.of("partner.example", "93.184.216.34",
            "evil.example", "127.0.0.1", "metadata.example", "169.254.169.254", "intranet.example", "10.1.2.3",
            "v6.example", "fd00::1", "mapped.example", "::ffff:127.0.0.1", "own.example", "93.184.216.40");

    @Test
    void theDefaultsRefuseInternalTargetsAndPlainHttp() {
        WebhookTargetGuard guard = new WebhookTargetGuard(settings(false, List.of(), List.of()), dns(answers));
        assertThat(guard.refusal("https://partner.example/hook")).isEmpty();
        assertThat(guard.refusal("http://partner.example/hook")).get().asString().contains("plain http");
        assertThat(guard.refusal("ftp://partner.example/hook")).isPresent();
        assertThat(guard.refusal("https://user:pw@partner.example/hook")).isPresent();
        for (String url : List.of("https://127.0.0.1/", "https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/",
                "https://evil.example/", "https://metadata.example/", "https://intranet.example/", "https://v6.example/",
                "https://mapped.example/", "https://[::1]/", "https://0.0.0.0/", "https://224.0.0.1/", "https://100.64.0.1/",
                "https://172.16.5.4/", "https://192.168.0.1/", "https://nowhere.example/", "not a url")) {
            assertThat(guard.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void allowListAndOwnHostsComeFromConfiguration() {
        WebhookTargetGuard guard = new WebhookTargetGuard(settings(true, List.of("127.0.0.1", "10.1.0.0/16"),
                List.of("own.example", "93.184.216.40/32")), dns(answers));
        assertThat(guard.refusal("http://127.0.0.1:8090/webhook")).isEmpty();
        assertThat(guard.refusal("https://intranet.example/")).isEmpty();
        assertThat(guard.refusal("https://10.2.0.1/")).isPresent();
        assertThat(guard.refusal("https://169.254.169.254/")).isPresent();
        assertThat(guard.refusal("https://own.example/")).get().asString().contains("platform's own");
        assertThat(guard.refusal("https://93.184.216.40/")).get().asString().contains("platform itself");
    }

    @Test
    void aNameIsCheckedAgainstWhatItResolvesToNow() {
        Map<String, String> rebinding = new java.util.HashMap<>(Map.of("flip.example", "93.184.216.34"));
        WebhookTargetGuard guard = new WebhookTargetGuard(settings(false, List.of(), List.of()),
                host -> new InetAddress[] {InetAddress.getByName(rebinding.get(host))});
        assertThat(guard.refusal("https://flip.example/hook")).isEmpty();
        rebinding.put("flip.example", "127.0.0.1");
        assertThat(guard.refusal("https://flip.example/hook")).isPresent();
    }

    @Test
    void secretsRoundTripEncryptedAndAKeyFileIsCreatedOnce() throws Exception {
        Path dir = Files.createTempDirectory("anxin-key-");
        WebhookProperties props = new WebhookProperties(false, List.of(), List.of(), null, dir.resolve("k/secret.key"),
                Duration.ofHours(1));
        EndpointSecretCipher one = new EndpointSecretCipher(props);
        String secret = one.newSecret();
        String sealed = one.encrypt(secret);
        assertThat(sealed).startsWith("v1:").doesNotContain(secret);
        assertThat(one.encrypt(secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(new EndpointSecretCipher(props).decrypt(sealed)).as("a second service reads the same key file")
                .isEqualTo(secret);
        WebhookProperties other = new WebhookProperties(false, List.of(), List.of(),
                java.util.Base64.getEncoder().encodeToString(new byte[32]), dir.resolve("none"), Duration.ofHours(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EndpointSecretCipher(other).decrypt(sealed))
                .hasMessageContaining("cannot be decrypted");
    }
}
