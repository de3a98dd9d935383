package care.anxin.monitoring.helpcenter;

import care.anxin.store.helpcenter.ArrivalQueries;
import care.anxin.store.helpcenter.FamilyLinks;
import care.anxin.store.helpcenter.HandsetCommands;
import care.anxin.store.helpcenter.MapQueries;
import care.anxin.store.helpcenter.PeopleDirectory;
import care.anxin.store.incident.DispatchCommands;
import care.anxin.store.incident.PhoneIntake;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Help-center work: phone intake, dispatch to responders, handset messages, the map and families. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HelpCenterProperties.class, MapProperties.class})
public class HelpCenterConfiguration {

    @Bean
    PhoneIntake phoneIntake(DataSource dataSource) {
        return new PhoneIntake(dataSource, Clock.systemUTC());
    }

    @Bean
    DispatchCommands dispatchCommands(DataSource dataSource) {
        return new DispatchCommands(dataSource, Clock.systemUTC());
    }

    @Bean
    FamilyLinks familyLinks(NamedParameterJdbcTemplate jdbc) {
        return new FamilyLinks(jdbc);
    }

    @Bean
    PeopleDirectory peopleDirectory(NamedParameterJdbcTemplate jdbc) {
        return new PeopleDirectory(jdbc);
    }

    @Bean
    HandsetCommands handsetCommands(DataSource dataSource) {
        return new HandsetCommands(new JdbcTemplate(dataSource));
    }

    @Bean
    ArrivalQueries arrivalQueries(NamedParameterJdbcTemplate jdbc) {
        return new ArrivalQueries(jdbc);
    }

    @Bean
    MapQueries mapQueries(NamedParameterJdbcTemplate jdbc) {
        return new MapQueries(jdbc);
    }
}
