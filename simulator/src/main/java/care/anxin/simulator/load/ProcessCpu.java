package care.anxin.simulator.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU used by the processes of a benchmark, from /proc (Linux): user+system clock ticks of each
 * process between two snapshots, grouped by a readable name (the jar's module, postgres,
 * mosquitto, this load generator). Percent is of one core, so 200% is both cores of the machine.
 */
public final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on every mainstream Linux
    private static final Path PROC = Path.of("/proc");

    private final List<Long> explicitPids;
    private final ServerProcesses servers;

    /** @param explicitPids processes to watch; empty: every java, postgres and mosquitto process */
    public ProcessCpu(List<Long> explicitPids) {
        this(explicitPids, new ServerProcesses(Map.of()));
    }

    /** @param servers the server side whose CPU per acknowledged message the run reports */
    public ProcessCpu(List<Long> explicitPids, ServerProcesses servers) {
        this.explicitPids = List.copyOf(explicitPids);
        this.servers = servers;
    }

    public record Snapshot(long nanos, Map<Long, Long> ticks, Map<Long, String> names, long machineBusy, long machineTotal,
                           Map<String, Long> serverTicks, Map<String, Long> serverCompilerTicks) {
    }

    /** CPU seconds of each server process tree between two snapshots. */
    public static Map<String, Double> serverSeconds(Snapshot from, Snapshot to) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        to.serverTicks().forEach((name, ticks) ->
                seconds.put(name, (ticks - from.serverTicks().getOrDefault(name, ticks)) / TICKS_PER_SECOND));
        return seconds;
    }

    /** CPU seconds of each server JVM's JIT compiler threads between two snapshots (part of {@link #serverSeconds}). */
    public static Map<String, Double> serverCompilerSeconds(Snapshot from, Snapshot to) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        to.serverCompilerTicks().forEach((name, ticks) -> {
            long used = ticks - from.serverCompilerTicks().getOrDefault(name, ticks);
            if (used > 0) {
                seconds.put(name, used / TICKS_PER_SECOND);
            }
        });
        return seconds;
    }

    public Snapshot snapshot() {
        Map<Long, Long> ticks = new TreeMap<>();
        Map<Long, String> names = new TreeMap<>();
        for (long pid : pids()) {
            String name = name(pid);
            Long used = ticks(pid);
            if (name != null && used != null) {
                ticks.put(pid, used);
                names.put(pid, name);
            }
        }
        long[] machine = machineTicks();
        return new Snapshot(System.nanoTime(), ticks, names, machine[0], machine[1], servers.ticks(),
                servers.compilerTicks());
    }

    /** Percent of one core per process group between two snapshots, plus "machine" (of all cores). */
    public static Map<String, Double> usage(Snapshot from, Snapshot to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        to.ticks().forEach((pid, ticks) -> {
            long before = from.ticks().getOrDefault(pid, ticks);
            double pct = (ticks - before) / TICKS_PER_SECOND / seconds * 100;
            percent.merge(to.names().get(pid), pct, Double::sum);
        });
        percent.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
        long total = to.machineTotal() - from.machineTotal();
        if (total > 0) {
            int cores = Runtime.getRuntime().availableProcessors();
            percent.put("machine (" + cores + " cores, 100% = all)", Math.round(1000.0 * (to.machineBusy() - from.machineBusy()) / total) / 10.0);
        }
        return percent;
    }

    private List<Long> pids() {
        if (!explicitPids.isEmpty()) {
            return explicitPids;
        }
        List<Long> pids = new java.util.ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                String name = name(pid);
                if (name != null && (pid == ProcessHandle.current().pid() || name.startsWith("java") || name.equals("postgres") || name.equals("mosquitto")
                        || name.startsWith("anxin-") || name.startsWith("simulator"))) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            return pids; // not Linux: no CPU figures, the bench still runs
        }
        return pids;
    }

    /** A readable name: the Anxin module for our jars, the load generator itself, else the command. */
    static String name(long pid) {
        try {
            String cmdline = Files.readString(PROC.resolve(pid + "/cmdline"), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            String comm = Files.readString(PROC.resolve(pid + "/comm")).trim();
            if (pid == ProcessHandle.current().pid()) {
                return "load generator (this JVM)";
            }
            if (comm.equals("postgres") || cmdline.contains("bin/postgres")) {
                return "postgres";
            }
            if (comm.equals("mosquitto")) {
                return "mosquitto";
            }
            if (comm.equals("java") || cmdline.startsWith("java") || cmdline.contains("/java ")) {
                var matcher = java.util.regex.Pattern.compile("anxin-([a-z-]+)-\\d").matcher(cmdline);
                if (matcher.find()) {
                    return "anxin-" + matcher.group(1) + (cmdline.contains("EmbeddedDatabaseMain") ? " (db launcher)" : "");
                }
                return "java (other)";
            }
            return comm;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Long ticks(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            // Fields after the ")" closing the command name: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The 1-, 5- and 15-minute load averages (other work on a shared machine skews every figure). */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(PROC.resolve("loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
