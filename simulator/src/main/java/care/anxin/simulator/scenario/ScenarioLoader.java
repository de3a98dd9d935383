package care.anxin.simulator.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads scenario YAML from a file path or a {@code classpath:} resource. */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The scenario the demo runs when none is named. */
    public static final String DEFAULT = "classpath:scenarios/demo.yaml";

    private ScenarioLoader() {
    }

    public static Scenario load(String location) {
        try (InputStream in = open(location)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + location + ": " + e.getMessage(), e);
        }
    }

    public static Scenario parse(InputStream yaml) throws IOException {
        Scenario scenario = YAML.readValue(yaml, Scenario.class);
        if (scenario == null) {
            throw new IOException("empty scenario");
        }
        for (ScriptedHappening step : scenario.script() == null ? java.util.List.<ScriptedHappening>of() : scenario.script()) {
            if (step == null || step.happening() == null) {
                throw new IOException("script step without a known happening (one of "
                        + java.util.Arrays.toString(Happening.values()) + ")");
            }
        }
        return scenario.withDefaults();
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
