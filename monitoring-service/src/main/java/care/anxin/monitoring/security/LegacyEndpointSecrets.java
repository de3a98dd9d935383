package care.anxin.monitoring.security;

import care.anxin.store.console.PartnerSettings;
import care.anxin.store.webhook.EndpointSecretCipher;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Endpoint secrets saved before they were encrypted (plain text in notification_endpoint.secret)
 * are encrypted at start and the plain text removed; until then the alert service still signs with
 * them, so nothing stops while the services are upgraded one after the other.
 */
@Component
public class LegacyEndpointSecrets implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LegacyEndpointSecrets.class);

    private final PartnerSettings partners;
    private final EndpointSecretCipher cipher;
    private final TransactionTemplate tx;

    public LegacyEndpointSecrets(PartnerSettings partners, EndpointSecretCipher cipher, TransactionTemplate tx) {
        this.partners = partners;
        this.cipher = cipher;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<Long, String> plain = partners.legacyPlainSecrets();
        if (plain.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> plain.forEach((id, secret) ->
                partners.encryptLegacySecret(id, cipher.encrypt(secret))));
        log.info("Encrypted {} endpoint secret(s) stored in plain text by an earlier version", plain.size());
    }
}
