package care.anxin.simulator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A mosquitto broker on a free local port for the side-by-side comparison, stopped on close. */
public final class MosquittoProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String version;

    private MosquittoProcess(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** Starts mosquitto if the binary exists (PATH or /usr/sbin); empty otherwise. */
    public static Optional<MosquittoProcess> start(String binary, Path logFile) throws IOException, InterruptedException {
        Optional<String> path = locate(binary);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(path.get(), "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return Optional.of(new MosquittoProcess(process, port, version(path.get())));
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IOException("mosquitto did not start on port " + port + "; see " + logFile);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String version() {
        return version;
    }

    private static Optional<String> locate(String binary) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary)) ? Optional.of(binary) : Optional.empty();
        }
        String pathEnv = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
        for (String dir : pathEnv.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static String version(String path) {
        try {
            Process p = new ProcessBuilder(path, "-h").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readNBytes(200)).lines().findFirst().orElse("mosquitto");
            p.waitFor(2, TimeUnit.SECONDS);
            return first.replace(" version", "").trim();
        } catch (IOException | InterruptedException e) {
            return "mosquitto";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
