package care.anxin.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.maintenance.StoreMaintenance;
import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class StoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                    StoreAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + TestDatabase.newDatabaseUrl(),
                    "spring.datasource.username=postgres", "spring.datasource.password=postgres");

    @Test
    void migratesThenCreatesPartitionsBeforeTheContextIsUpAndSchedulesMaintenance() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DatabaseMode.class)).isEqualTo(DatabaseMode.PLAIN);
            assertThat(context.getBean(StoreMaintenance.class).isRunning()).isTrue();
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_inherits WHERE inhparent = 'vital_sample'::regclass", Long.class))
                    .isGreaterThanOrEqualTo(17); // weekly partitions + DEFAULT
        });
    }

    @Test
    void maintenanceCanBeSwitchedOff() {
        runner.withPropertyValues("anxin.store.maintenance.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(StoreMaintenance.class);
        });
    }
}
