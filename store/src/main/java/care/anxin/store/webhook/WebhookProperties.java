package care.anxin.store.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where webhooks (and per-endpoint SMS gateways) may point, and how their signing secrets are kept
 * ({@code anxin.webhook.*}, read by the monitoring service when an admin saves an endpoint and by
 * the alert service before every delivery). See docs/alerting.md "Webhook security".
 *
 * @param allowHttp       plain http targets (development only: the demo's local receiver)
 * @param allowedTargets  host names, IP addresses or CIDR blocks allowed even though they are private,
 *                        loopback or link-local (e.g. the demo's {@code 127.0.0.1}); empty by default
 * @param ownHosts        the platform's own hosts (names, addresses or CIDRs), refused like internal addresses;
 *                        addresses of this machine's interfaces are always refused
 * @param secretKey       base64 of 32 random bytes: the AES key that encrypts endpoint secrets at rest
 * @param secretKeyFile   used when secretKey is blank: read, or created with a random key on first use
 *                        (fine for one machine; set secretKey when services run on several)
 * @param rotationOverlap after a secret rotation the previous secret keeps signing this long
 */
@ConfigurationProperties("anxin.webhook")
public record WebhookProperties(@DefaultValue("false") boolean allowHttp,
                                @DefaultValue List<String> allowedTargets,
                                @DefaultValue List<String> ownHosts,
                                String secretKey,
                                @DefaultValue("var/webhook-secret.key") Path secretKeyFile,
                                @DefaultValue("24h") Duration rotationOverlap) {

    public WebhookProperties {
        allowedTargets = allowedTargets == null ? List.of()
                : allowedTargets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        ownHosts = ownHosts == null ? List.of() : ownHosts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The safe defaults: https only, nothing internal allowed. */
    public static WebhookProperties strict(Path secretKeyFile) {
        return new WebhookProperties(false, List.of(), List.of(), null, secretKeyFile, Duration.ofHours(24));
    }
}
