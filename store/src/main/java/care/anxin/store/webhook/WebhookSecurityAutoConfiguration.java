package care.anxin.store.webhook;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The webhook target guard and secret cipher, shared by the monitoring and alert services. */
@AutoConfiguration
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WebhookTargetGuard webhookTargetGuard(WebhookProperties properties) {
        return new WebhookTargetGuard(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    EndpointSecretCipher endpointSecretCipher(WebhookProperties properties) {
        return new EndpointSecretCipher(properties);
    }
}
