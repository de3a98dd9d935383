package care.anxin.simulator.bench;

import care.anxin.domain.wire.DeviceSecretHash;
import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.load.DeviceCredential;
import care.anxin.simulator.load.ProcessCpu;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./anxin bench connect}: N devices (default 10,000) reconnecting at once after a restart.
 * Each device gets its own random 192-bit secret stored with the production hash; the bench starts
 * its own gateway process (the built exec jar, on the demo's database, a free port), connects the
 * fleet, restarts the gateway and measures from "listening again" until every device is connected
 * and has its first QoS 1 message acknowledged, counting failed CONNECTs. Then the same against
 * mosquitto with a password file ({@code mosquitto_passwd -U}). Devices come from many loopback
 * addresses (127.1.x.y, 250 per /24), as from many homes and NAT pools.
 */
public final class ConnectBench {

    private static final int PER_SUBNET = 250;

    private final BenchProperties bench;
    private final ObjectMapper json;

    public ConnectBench(BenchProperties bench, ObjectMapper json) {
        this.bench = bench;
        this.json = json;
    }

    /** One storm measured. */
    public record StormResult(String target, int devices, double restartSeconds, double allBackSeconds,
                              double p50BackSeconds, double p99BackSeconds, int stillDown, long failedConnects,
                              long refusedByCode, long tcpRefusedWhileDown, long attempts, String loadAverage) {
    }

    public List<StormResult> run() throws Exception {
        int n = bench.connectDevices();
        List<DeviceCredential> devices = provision(n);
        List<StormResult> results = new ArrayList<>();
        Path out = bench.outDir();
        Files.createDirectories(out);
        if (bench.platform()) {
            results.add(storm("anxin gateway", devices, new GatewayProcess(gatewayJar(), bench, out.resolve("connect-gateway.log"))));
        }
        if (bench.mosquitto()) {
            results.add(storm("mosquitto (password file)", devices,
                    new MosquittoWithPasswords(bench.mosquittoBinary(), devices, out)));
        }
        System.out.println();
        System.out.printf("%-28s %8s %10s %10s %9s %9s %8s %10s %10s%n", "target", "devices", "restart s", "all back s",
                "p50 s", "p99 s", "down", "failed", "refused");
        for (StormResult r : results) {
            System.out.printf("%-28s %,8d %10.1f %10.1f %9.1f %9.1f %8d %,10d %,10d%n", r.target(), r.devices(),
                    r.restartSeconds(), r.allBackSeconds(), r.p50BackSeconds(), r.p99BackSeconds(), r.stillDown(),
                    r.failedConnects(), r.refusedByCode());
        }
        System.out.println("Load average (1/5/15 min) now: " + ProcessCpu.loadAverage());
        Path file = BenchReport.write(out, "connect", bench, results, json);
        System.out.println("Results written to " + file);
        return results;
    }

    /** A server the bench can start and stop. */
    interface Server {
        /** Starts it and returns the MQTT port once it accepts connections. */
        int start() throws Exception;

        void stop() throws Exception;
    }

    private StormResult storm(String label, List<DeviceCredential> devices, Server server) throws Exception {
        System.out.printf("%n== %s: %,d devices%n", label, devices.size());
        EventLoopGroup group = new NioEventLoopGroup(Math.max(4, bench.threads()));
        StormDevice.Counters counters = new StormDevice.Counters();
        List<StormDevice> fleet = new ArrayList<>(devices.size());
        try {
            int port = server.start();
            for (int i = 0; i < devices.size(); i++) {
                fleet.add(new StormDevice(devices.get(i), "127.0.0.1", port, localAddress(i), group, counters));
            }
            long t0 = System.nanoTime();
            fleet.forEach(StormDevice::connect);
            int first = awaitAllBack(fleet, t0, bench.stormTimeout().toSeconds());
            System.out.printf("initial connect: %,d of %,d up in %.1f s%n", devices.size() - first, devices.size(),
                    (System.nanoTime() - t0) / 1e9);

            fleet.forEach(StormDevice::resetBack);
            long failedBefore = counters.failedConnects.sum();
            long refusedBefore = counters.refusedByCode.sum();
            long tcpBefore = counters.tcpRefused.sum();
            long attemptsBefore = counters.attempts.sum();
            long stopAt = System.nanoTime();
            server.stop();
            server.start();
            long listening = System.nanoTime();
            System.out.printf("restarted: listening again after %.1f s; every device reconnects (backoff 0.5-8 s, jitter)%n",
                    (listening - stopAt) / 1e9);
            int down = awaitAllBack(fleet, listening, bench.stormTimeout().toSeconds());
            long[] back = fleet.stream().mapToLong(StormDevice::backAtNanos).filter(b -> b > 0)
                    .map(b -> Math.max(0, b - listening)).sorted().toArray();
            double all = back.length == 0 ? Double.NaN : back[back.length - 1] / 1e9;
            StormResult r = new StormResult(label, devices.size(), (listening - stopAt) / 1e9, all,
                    percentile(back, 0.50), percentile(back, 0.99), down,
                    counters.failedConnects.sum() - failedBefore, counters.refusedByCode.sum() - refusedBefore,
                    counters.tcpRefused.sum() - tcpBefore, counters.attempts.sum() - attemptsBefore,
                    ProcessCpu.loadAverage());
            System.out.printf("storm: %,d of %,d back (connected + first PUBACK) %.1f s after listening; p50 %.1f s, "
                            + "p99 %.1f s; %,d failed CONNECTs (%,d refused with a code), %d still down%n",
                    devices.size() - down, devices.size(), all, r.p50BackSeconds(), r.p99BackSeconds(),
                    r.failedConnects(), r.refusedByCode(), down);
            return r;
        } finally {
            fleet.forEach(StormDevice::stop);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            server.stop();
        }
    }

    /** Waits until every device is back or the timeout passes; returns how many are not back. */
    private static int awaitAllBack(List<StormDevice> fleet, long since, long timeoutSeconds) throws InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int down;
        long lastPrint = System.nanoTime();
        while (true) {
            down = (int) fleet.stream().filter(d -> d.backAtNanos() == 0).count();
            if (down == 0 || System.nanoTime() > deadline) {
                return down;
            }
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
                System.out.printf("  %.0f s: %,d of %,d back%n", (System.nanoTime() - since) / 1e9, fleet.size() - down,
                        fleet.size());
                lastPrint = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1)] / 1e9;
    }

    private static String localAddress(int i) {
        return "127.1." + (i / PER_SUBNET) + "." + (1 + i % PER_SUBNET);
    }

    /** The bench fleet with a fresh random 192-bit secret per device, stored with the production hash. */
    private List<DeviceCredential> provision(int n) throws Exception {
        SecureRandom random = new SecureRandom();
        List<DeviceCredential> devices = new ArrayList<>(n);
        try (Connection db = BenchFleet.connect(bench.dbUrl(), bench.dbUser(), bench.dbPassword())) {
            List<DeviceCredential> fleet = BenchFleet.ensure(db, n).devices();
            db.setAutoCommit(false);
            try (PreparedStatement st = db.prepareStatement("UPDATE device SET secret_hash = ? WHERE id = ?")) {
                for (DeviceCredential d : fleet) {
                    byte[] secret = new byte[24];
                    random.nextBytes(secret);
                    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                    st.setString(1, DeviceSecretHash.hash(text));
                    st.setString(2, d.deviceId());
                    st.addBatch();
                    devices.add(new DeviceCredential(d.deviceId(), text));
                }
                st.executeBatch();
            }
            db.commit();
        }
        System.out.printf("%,d bench devices with their own 192-bit secrets (%s hashes)%n", n, DeviceSecretHash.PREFIX);
        return devices;
    }

    private Path gatewayJar() throws IOException {
        if (!bench.gatewayJar().isBlank()) {
            return Path.of(bench.gatewayJar());
        }
        try (Stream<Path> files = Files.list(Path.of("device-gateway", "target"))) {
            return files.filter(p -> p.getFileName().toString().matches("anxin-device-gateway-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IOException("no device-gateway exec jar: run ./anxin build"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitListening(int port, Process process, Path log, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited; see " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("server not listening on " + port + " after " + seconds + " s; see " + log);
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The platform's gateway as its own process on the bench database (the demo's gateway is left alone). */
    static final class GatewayProcess implements Server {
        private final Path jar;
        private final BenchProperties bench;
        private final Path log;
        private final int port;
        private Process process;

        GatewayProcess(Path jar, BenchProperties bench, Path log) throws IOException {
            this.jar = jar;
            this.bench = bench;
            this.log = log;
            this.port = freePort();
        }

        @Override
        public int start() throws Exception {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m", "-Xmx1g",
                    "-XX:+UseG1GC", "-jar", jar.toString(), "--server.port=0", "--anxin.gateway.port=" + port, "--anxin.gateway.watch.enabled=false",
                    "--anxin.gateway.bind-address=127.0.0.1", "--anxin.gateway.node-id=bench-connect",
                    "--spring.datasource.url=" + bench.dbUrl(), "--spring.datasource.username=" + bench.dbUser(),
                    "--spring.datasource.password=" + bench.dbPassword(), "--logging.level.care.anxin.gateway=WARN"));
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitListening(port, process, log, 180);
            return port;
        }

        @Override
        public void stop() throws Exception {
            ConnectBench.stop(process);
        }
    }

    /** mosquitto with allow_anonymous false and a password file of the same devices and secrets. */
    static final class MosquittoWithPasswords implements Server {
        private final String binary;
        private final Path dir;
        private final Path log;
        private final int port;
        private Process process;

        MosquittoWithPasswords(String binary, List<DeviceCredential> devices, Path out) throws Exception {
            this.binary = binary.contains("/") ? binary : (Files.isExecutable(Path.of("/usr/sbin", binary))
                    ? "/usr/sbin/" + binary : binary);
            this.dir = Files.createTempDirectory("anxin-mosquitto");
            this.log = out.resolve("connect-mosquitto.log");
            this.port = freePort();
            // mosquitto started as root drops to its own user, which must be able to read these throwaway files.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path passwords = dir.resolve("passwd");
            StringBuilder s = new StringBuilder();
            devices.forEach(d -> s.append(d.deviceId()).append(':').append(d.secret()).append('\n'));
            Files.writeString(passwords, s);
            Process hash = new ProcessBuilder("mosquitto_passwd", "-U", passwords.toString()).redirectErrorStream(true).start();
            String output = new String(hash.getInputStream().readAllBytes());
            if (!hash.waitFor(300, TimeUnit.SECONDS) || hash.exitValue() != 0) {
                throw new IOException("mosquitto_passwd -U failed: " + output);
            }
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put("listener", port + " 127.0.0.1");
            conf.put("allow_anonymous", "false");
            conf.put("password_file", passwords.toString());
            conf.put("max_connections", "-1");
            conf.put("persistence", "false");
            StringBuilder c = new StringBuilder();
            conf.forEach((k, v) -> c.append(k).append(' ').append(v).append('\n'));
            Files.writeString(dir.resolve("mosquitto.conf"), c);
            Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        }

        @Override
        public int start() throws Exception {
            process = new ProcessBuilder(binary, "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitListening(port, process, log, 30);
            return port;
        }

        @Override
        public void stop() throws Exception {
            ConnectBench.stop(process);
        }
    }
}
