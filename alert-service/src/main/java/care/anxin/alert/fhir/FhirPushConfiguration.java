package care.anxin.alert.fhir;

import care.anxin.alert.dispatch.HttpJsonPoster;
import care.anxin.alert.dispatch.WebhookSecrets;
import care.anxin.store.clinical.ClinicalQueries;
import care.anxin.store.clinical.DoctorChannels;
import care.anxin.store.webhook.WebhookTargetGuard;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The FHIR push channel and what it and the DOCTORS target read from the store. */
@Configuration(proxyBeanMethods = false)
public class FhirPushConfiguration {

    @Bean
    ClinicalQueries clinicalQueries(NamedParameterJdbcTemplate jdbc) {
        return new ClinicalQueries(jdbc);
    }

    @Bean
    DoctorChannels doctorChannels(NamedParameterJdbcTemplate jdbc) {
        return new DoctorChannels(jdbc);
    }

    @Bean
    FhirIncidentPayload fhirIncidentPayload(ClinicalQueries clinical) {
        return new FhirIncidentPayload(clinical);
    }

    @Bean
    FhirChannel fhirChannel(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        return new FhirChannel(http, clock, guard, secrets);
    }
}
