package care.anxin.gateway.bench;

import care.anxin.gateway.Fleet;
import care.anxin.gateway.GatewayApplication;
import care.anxin.store.schema.SchemaMigrator;
import care.anxin.store.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the in-process benchmarks share: a fresh migrated embedded database with a {@link Fleet} to
 * register their devices in, and the gateway on free ports over it (quiet logs).
 */
record BenchGateway(String url, Fleet fleet) {

    static BenchGateway freshDatabase() {
        String url = TestDatabase.newDatabaseUrl();
        SchemaMigrator.migrate(TestDatabase.dataSource(url));
        return new BenchGateway(url, new Fleet(new JdbcTemplate(TestDatabase.dataSource(url))));
    }

    /** Starts the gateway; {@code settings} are further {@code --name=value} arguments (limits). */
    ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres", "--server.port=0",
                "--anxin.gateway.port=0", "--anxin.gateway.watch.port=0", "--anxin.gateway.bind-address=127.0.0.1",
                "--logging.level.care.anxin.gateway=WARN"));
        args.addAll(List.of(settings));
        return SpringApplication.run(GatewayApplication.class, args.toArray(String[]::new));
    }
}
