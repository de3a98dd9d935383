package care.anxin.simulator;

import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.config.SimulatorProperties;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Simulator: a community of simulated elders, scenarios and load benchmarks. Scenario mode runs
 * the webhook/SMS receiver on {@code server.port}; bench mode runs without a web server so it can
 * run next to a demo.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties({SimulatorProperties.class, BenchProperties.class})
public class SimulatorApplication {
    public static void main(String[] args) {
        boolean bench = Arrays.stream(args).anyMatch(a -> a.equals("--anxin.simulator.mode=bench"))
                || "bench".equals(System.getenv("ANXIN_SIMULATOR_MODE"));
        new SpringApplicationBuilder(SimulatorApplication.class)
                .web(bench ? WebApplicationType.NONE : WebApplicationType.SERVLET)
                .run(args);
    }
}
