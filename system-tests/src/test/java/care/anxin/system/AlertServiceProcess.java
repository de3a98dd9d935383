package care.anxin.system;

import care.anxin.alert.AlertServiceApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The alert service as its own operating-system process (this test JVM's classpath), so a test
 * can kill it the hard way ({@code destroyForcibly}, SIGKILL: no shutdown hooks, no graceful
 * stop, transactions cut mid-flight) and start it again.
 */
final class AlertServiceProcess implements AutoCloseable {

    private final Process process;
    private final CountDownLatch started = new CountDownLatch(1);

    AlertServiceProcess(String[] arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                AlertServiceApplication.class.getName()));
        command.addAll(List.of(arguments));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread log = new Thread(this::pipeLog, "alert-process-log");
        log.setDaemon(true);
        log.start();
    }

    private void pipeLog() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("[alert-process] " + line);
                if (line.contains("Started AlertServiceApplication")) {
                    started.countDown();
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    void awaitStarted() throws InterruptedException {
        if (!started.await(180, TimeUnit.SECONDS)) {
            throw new IllegalStateException("alert service process did not start within 180 s");
        }
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
