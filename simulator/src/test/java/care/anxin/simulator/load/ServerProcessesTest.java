package care.anxin.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerProcessesTest {

    @Test
    void findsTheProcessListeningOnAPortAndCountsItsCpu() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "Linux /proc only");
        try (ServerSocket socket = new ServerSocket(0)) {
            ServerProcesses servers = ServerProcesses.listeningOn(Map.of("me", socket.getLocalPort(), "nobody", 1));

            assertThat(servers.roots()).containsExactly(Map.entry("me", ProcessHandle.current().pid()));
            long before = servers.ticks().get("me");
            long spin = 0;
            for (int i = 0; i < 50_000_000; i++) {
                spin += i ^ (spin >>> 3);
            }
            assertThat(spin).isNotZero();
            assertThat(servers.ticks().get("me")).isGreaterThanOrEqualTo(before).isPositive();
        }
    }

    @Test
    void theJitCompilerThreadsOfAJvmAreCountedApart() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/task")), "Linux /proc only");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Map<String, Long> compiler = new ServerProcesses(Map.of("jvm", ProcessHandle.current().pid(),
                    "native", sleeper.pid())).compilerTicks();
            // This test JVM has compiled plenty by now (its compiler threads exist and have run); sleep has none.
            assertThat(compiler.get("jvm")).isPositive();
            assertThat(compiler.get("native")).isZero();
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void microsPerMessageSumsTheTrees() {
        assertThat(LoadRun.microsPerMessage(Map.of("gateway", 0.5, "database", 1.5), 40_000))
                .containsEntry("gateway", 12.5).containsEntry("database", 37.5).containsEntry("total", 50.0);
        assertThat(LoadRun.microsPerMessage(Map.of(), 10)).isEmpty();
    }
}
