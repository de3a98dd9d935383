package care.anxin.gateway.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages form a layered graph: no cycles, and the protocol-neutral parts
 * (session, auth, limits, ingest, presence, downlink, lifecycle, ops) never import a protocol
 * package, so a second device protocol plugs in beside {@code mqtt}. Read from the sources.
 */
class PackageDependencyTest {

    private static final String ROOT = "care.anxin.gateway";
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(care\\.anxin\\.gateway\\.[a-z]+)\\.",
            Pattern.MULTILINE);
    private static final Set<String> PROTOCOLS = Set.of("mqtt");
    private static final Map<String, Set<String>> graph = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        Path src = Path.of("src/main/java/care/anxin/gateway");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = src.relativize(f.getParent());
                String pkg = rel.toString().isEmpty() ? ROOT : ROOT + "." + rel.toString().replace('/', '.');
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        }
    }

    @Test
    void noPackageCycles() {
        assertThat(graph).containsKeys(ROOT + ".mqtt", ROOT + ".session", ROOT + ".downlink");
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(start, start, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles in %s", graph).isEmpty();
    }

    @Test
    void sharedPartsDoNotReachIntoAProtocol() {
        Map<String, Set<String>> offending = new HashMap<>();
        graph.forEach((pkg, deps) -> {
            String simple = pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
            if (pkg.equals(ROOT) || PROTOCOLS.contains(simple)) {
                return;
            }
            deps.stream().filter(d -> PROTOCOLS.contains(d.substring(ROOT.length() + 1)))
                    .forEach(d -> offending.computeIfAbsent(pkg, k -> new TreeSet<>()).add(d));
        });
        assertThat(offending).isEmpty();
    }

    private static void findCycle(String start, String at, List<String> path, Set<String> seen, List<String> cycles) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
