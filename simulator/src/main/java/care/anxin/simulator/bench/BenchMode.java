package care.anxin.simulator.bench;

import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.config.SimulatorProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/** {@code --anxin.simulator.mode=bench --anxin.simulator.bench=ingest|sos|trends|connect}: run one benchmark and exit. */
@Component
@ConditionalOnProperty(name = "anxin.simulator.mode", havingValue = "bench")
public class BenchMode implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BenchMode.class);

    private final SimulatorProperties simulator;
    private final BenchProperties bench;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;

    public BenchMode(SimulatorProperties simulator, BenchProperties bench, ObjectMapper json, ConfigurableApplicationContext context) {
        this.simulator = simulator;
        this.bench = bench;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exit = 0;
        try {
            switch (simulator.bench()) {
                case "ingest" -> new IngestBench(simulator, bench, json).run();
                case "sos" -> new SosBench(simulator, bench, json).run();
                case "trends" -> new TrendsBench(simulator, bench, json).run();
                case "connect" -> new ConnectBench(bench, json).run();
                default -> {
                    log.error("Unknown bench '{}': use ingest, sos, trends or connect", simulator.bench());
                    exit = 2;
                }
            }
        } catch (Exception e) {
            log.error("Bench {} failed: {}", simulator.bench(), e.toString(), e);
            exit = 1;
        } finally {
            parkFleet();
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }

    private void parkFleet() {
        if (simulator.noAuth()) {
            return; // a plain broker: no platform database was touched
        }
        try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
            int parked = BenchFleet.park(db);
            if (parked > 0) {
                System.out.printf("Bench devices disabled again (%,d), so they raise no offline incidents%n", parked);
            }
        } catch (SQLException e) {
            log.warn("Could not disable the bench devices after the bench: {}", e.getMessage());
        }
    }
}
