package care.anxin.monitoring.config;

import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.ApiKeyRepository;
import care.anxin.store.console.AuditRepository;
import care.anxin.store.console.StorageSizes;
import care.anxin.store.console.DeviceRegistry;
import care.anxin.store.console.ElderWrites;
import care.anxin.store.console.ParkedEvents;
import care.anxin.store.console.PartnerSettings;
import care.anxin.store.console.ElderCards;
import care.anxin.store.console.ElderQueries;
import care.anxin.store.console.LoginThrottleRepository;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.PerformanceQueries;
import care.anxin.store.console.TrendQueries;
import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.incident.IncidentCommands;
import care.anxin.store.incident.IncidentHistory;
import java.time.Clock;
import javax.sql.DataSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The store's console repositories as beans of this service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
public class ConsoleStoreConfiguration {

    @Bean
    UserAccountRepository userAccountRepository(NamedParameterJdbcTemplate jdbc) {
        return new UserAccountRepository(jdbc);
    }

    @Bean
    OrganizationRepository organizationRepository(NamedParameterJdbcTemplate jdbc) {
        return new OrganizationRepository(jdbc);
    }

    @Bean
    LoginThrottleRepository loginThrottleRepository(NamedParameterJdbcTemplate jdbc) {
        return new LoginThrottleRepository(jdbc);
    }

    @Bean
    ApiKeyRepository apiKeyRepository(NamedParameterJdbcTemplate jdbc) {
        return new ApiKeyRepository(jdbc);
    }

    @Bean
    StorageSizes storageSizes(NamedParameterJdbcTemplate jdbc) {
        return new StorageSizes(jdbc);
    }

    @Bean
    AuditRepository auditRepository(NamedParameterJdbcTemplate jdbc) {
        return new AuditRepository(jdbc);
    }

    @Bean
    ElderCards elderCards(NamedParameterJdbcTemplate jdbc) {
        return new ElderCards(jdbc);
    }

    @Bean
    AlertQueries alertQueries(NamedParameterJdbcTemplate jdbc, ElderCards cards, ObjectMapper json) {
        return new AlertQueries(jdbc, cards, json);
    }

    @Bean
    ElderWrites elderWrites(NamedParameterJdbcTemplate jdbc) {
        return new ElderWrites(jdbc);
    }

    @Bean
    ParkedEvents parkedEvents(NamedParameterJdbcTemplate jdbc) {
        return new ParkedEvents(jdbc);
    }

    @Bean
    DeviceRegistry deviceRegistry(NamedParameterJdbcTemplate jdbc) {
        return new DeviceRegistry(jdbc);
    }

    @Bean
    PartnerSettings partnerSettings(NamedParameterJdbcTemplate jdbc) {
        return new PartnerSettings(jdbc);
    }

    @Bean
    IncidentCommands incidentCommands(DataSource dataSource) {
        return new IncidentCommands(dataSource, Clock.systemUTC());
    }

    @Bean
    ElderQueries elderQueries(NamedParameterJdbcTemplate jdbc, ElderCards cards, ObjectMapper json) {
        return new ElderQueries(jdbc, cards, json);
    }

    @Bean
    TrendQueries trendQueries(NamedParameterJdbcTemplate jdbc, DatabaseMode mode) {
        return new TrendQueries(jdbc, mode == DatabaseMode.TIMESCALE);
    }

    @Bean
    PerformanceQueries performanceQueries(NamedParameterJdbcTemplate jdbc) {
        return new PerformanceQueries(jdbc);
    }

    @Bean
    IncidentHistory incidentHistory(DataSource dataSource) {
        return new IncidentHistory(dataSource);
    }
}
