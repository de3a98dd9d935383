package care.anxin.alert.dispatch;

import care.anxin.store.alerting.EndpointSecretRepository;
import care.anxin.store.alerting.EndpointSecretRepository.StoredSecrets;
import care.anxin.store.webhook.EndpointSecretCipher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets a webhook is signed with right now: the endpoint's current one and, for a while after
 * a rotation, the previous one too (decrypted just before signing, never logged). Contact webhooks
 * without an endpoint are not signed.
 */
public class WebhookSecrets {

    private final EndpointSecretRepository repository;
    private final EndpointSecretCipher cipher;
    private final Clock clock;

    public WebhookSecrets(EndpointSecretRepository repository, EndpointSecretCipher cipher, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    public List<String> signingSecrets(Long endpointId) {
        if (endpointId == null) {
            return List.of();
        }
        StoredSecrets stored = repository.find(endpointId).orElse(null);
        if (stored == null) {
            return List.of();
        }
        List<String> secrets = new ArrayList<>(2);
        if (stored.currentEnc() != null) {
            secrets.add(cipher.decrypt(stored.currentEnc()));
        } else if (stored.legacyPlain() != null && !stored.legacyPlain().isEmpty()) {
            secrets.add(stored.legacyPlain());
        }
        if (stored.previousEnc() != null && stored.previousUntil() != null
                && stored.previousUntil().isAfter(clock.instant())) {
            secrets.add(cipher.decrypt(stored.previousEnc()));
        }
        return secrets;
    }
}
