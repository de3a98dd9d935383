package care.anxin.simulator.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of a benchmark as process trees, found by the TCP port each one listens on
 * (the gateway's MQTT port, the database's port, mosquitto's port): on a machine shared with
 * other sessions' JVMs and databases, "every postgres" would count their work too. A tree's CPU
 * is its root's user+system time, the time of children it has reaped (PostgreSQL's exited
 * backends and workers) and that of its live descendants, so nothing that starts or ends during
 * the window is lost. Linux only (/proc); elsewhere nothing is found and no figure is printed.
 */
public final class ServerProcesses {

    private static final Path PROC = Path.of("/proc");

    private final Map<String, Long> roots;

    public ServerProcesses(Map<String, Long> roots) {
        this.roots = Map.copyOf(new LinkedHashMap<>(roots));
    }

    /** Finds the process listening on each port (name → port); ports nobody here listens on are left out. */
    public static ServerProcesses listeningOn(Map<String, Integer> ports) {
        Map<String, Long> found = new LinkedHashMap<>();
        ports.forEach((name, port) -> listener(port).ifPresent(pid -> found.put(name, pid)));
        return new ServerProcesses(found);
    }

    public Map<String, Long> roots() {
        return roots;
    }

    /** Clock ticks used so far by each tree, by name. */
    public Map<String, Long> ticks() {
        if (roots.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Long>> children = childrenByParent();
        Map<String, Long> ticks = new LinkedHashMap<>();
        roots.forEach((name, pid) -> ticks.put(name, treeTicks(pid, children)));
        return ticks;
    }

    /**
     * Clock ticks used so far by the JIT compiler threads of each root that is a JVM (HotSpot's
     * "C1/C2 CompilerThread"): a freshly started gateway still compiles during a one-minute run,
     * which is a start-up cost, not a per-message one. Roots without such threads report 0.
     */
    public Map<String, Long> compilerTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        roots.forEach((name, pid) -> {
            long total = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (comm.matches("C[12] CompilerThre.*")) {
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException e) {
                        // thread gone
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or gone
            }
            ticks.put(name, total);
        });
        return ticks;
    }

    private static long treeTicks(long pid, Map<Long, List<Long>> children) {
        long total = ownAndReapedTicks(pid);
        for (long child : children.getOrDefault(pid, List.of())) {
            total += treeTicks(child, children);
        }
        return total;
    }

    /** utime + stime + cutime + cstime (fields 14-17 of /proc/pid/stat); 0 once the process is gone. */
    private static long ownAndReapedTicks(long pid) {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** The fields after the command name: f[0] is the state (field 3), f[1] the parent pid. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        for (long pid : allPids()) {
            String[] f = statFields(pid);
            if (f != null) {
                children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
            }
        }
        return children;
    }

    private static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            dirs.forEach(d -> pids.add(Long.parseLong(d.getFileName().toString())));
        } catch (IOException e) {
            // not Linux
        }
        return pids;
    }

    /** The process holding a socket that listens on the port (IPv4 or IPv6, any address). */
    static Optional<Long> listener(int port) {
        List<String> inodes = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve(table))) {
                    String[] c = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (column 10); st 0A = LISTEN
                    if (c.length > 9 && c[1].contains(":") && c[3].equals("0A")
                            && Integer.parseInt(c[1].substring(c[1].indexOf(':') + 1), 16) == port) {
                        inodes.add(c[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        for (long pid : allPids()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
                for (Path fd : fds) {
                    String link = Files.readSymbolicLink(fd).toString();
                    for (String inode : inodes) {
                        if (link.equals("socket:[" + inode + "]")) {
                            return Optional.of(pid);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return Optional.empty();
    }
}
