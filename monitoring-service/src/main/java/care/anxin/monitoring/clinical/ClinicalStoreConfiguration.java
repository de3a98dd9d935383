package care.anxin.monitoring.clinical;

import care.anxin.store.clinical.CarePlanHistory;
import care.anxin.store.clinical.ClinicalQueries;
import care.anxin.store.clinical.DoctorChannels;
import care.anxin.store.clinical.FollowUpRepository;
import care.anxin.store.clinical.HealthRecordRepository;
import care.anxin.store.clinical.WorklistQueries;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The store's clinical repositories (health record, follow-ups, worklist, report and FHIR reads). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClinicalProperties.class)
public class ClinicalStoreConfiguration {

    @Bean
    HealthRecordRepository healthRecordRepository(NamedParameterJdbcTemplate jdbc) {
        return new HealthRecordRepository(jdbc);
    }

    @Bean
    CarePlanHistory carePlanHistory(NamedParameterJdbcTemplate jdbc) {
        return new CarePlanHistory(jdbc);
    }

    @Bean
    FollowUpRepository followUpRepository(NamedParameterJdbcTemplate jdbc) {
        return new FollowUpRepository(jdbc);
    }

    @Bean
    WorklistQueries worklistQueries(NamedParameterJdbcTemplate jdbc) {
        return new WorklistQueries(jdbc);
    }

    @Bean
    DoctorChannels doctorChannels(NamedParameterJdbcTemplate jdbc) {
        return new DoctorChannels(jdbc);
    }

    @Bean
    ClinicalQueries clinicalQueries(NamedParameterJdbcTemplate jdbc) {
        return new ClinicalQueries(jdbc);
    }
}
