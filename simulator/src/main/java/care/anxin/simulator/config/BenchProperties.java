package care.anxin.simulator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Benchmark settings ({@code anxin.bench.*}), e.g. {@code ./anxin bench ingest --anxin.bench.devices=10000
 * --anxin.bench.rate=10000}.
 *
 * @param devices          concurrent device connections (ingest, and background load of sos)
 * @param rate             total messages per second; 0 = each device at {@code maxPerDevice}
 * @param maxPerDevice     per-device ceiling of the "max" run (the gateway disconnects a device
 *                         above 20 msg/s, burst 40); 0 = no ceiling (as fast as PUBACKs come back)
 * @param deviceLimit      what one device may send per second, catching up included (the gateway's
 *                         per-device limit, 20): a device behind its schedule sends what it owes at
 *                         this pace (burst 10), never faster; 0 = unpaced
 * @param window           QoS 1 messages in flight per connection
 * @param threads          event-loop threads of the load generator
 * @param connectRate      new connections per second while ramping up
 * @param mosquitto        also run the same load against a mosquitto started on a free port
 *                         (if the binary is installed), for the side-by-side comparison
 * @param platform         run the ingest load against the platform's gateway (false: mosquitto only)
 * @param pids             processes whose CPU to report (empty: every java, postgres, mosquitto)
 * @param sosCount         SOS presses measured by the sos bench
 * @param sosBackgroundRate background vitals per second during the sos bench
 * @param fault            fault active during the sos bench: none, stalled-webhook, stalled-stream, vitals-flood
 * @param trendElders      elders bulk-loaded by the trends bench
 * @param trendDays        days of per-minute vitals per elder for the trends bench
 * @param trendQueries     timed requests per range
 * @param connectDevices   devices of the connect (reconnect storm) bench
 * @param stormTimeout     how long the connect bench waits for every device to be back
 * @param gatewayJar       gateway exec jar the connect bench starts (empty: device-gateway/target)
 * @param protocol         device protocols the ingest bench drives against the platform, in order:
 *                         {@code mqtt}, {@code watch} (the "3G" watch TCP listener), or both
 *                         ({@code watch,mqtt}: the two paths measured in one run)
 */
@ConfigurationProperties("anxin.bench")
public record BenchProperties(
        @DefaultValue("1000") int devices,
        @DefaultValue("10000") int rate,
        @DefaultValue("18") int maxPerDevice,
        @DefaultValue("20") int deviceLimit,
        @DefaultValue("4") int window,
        @DefaultValue("2") int threads,
        @DefaultValue("10s") Duration warmup,
        @DefaultValue("60s") Duration duration,
        @DefaultValue("5s") Duration progressEvery,
        @DefaultValue("500") int connectRate,
        @DefaultValue("true") boolean mosquitto,
        @DefaultValue("mosquitto") String mosquittoBinary,
        @DefaultValue("true") boolean platform,
        List<Long> pids,
        @DefaultValue("var/bench") Path outDir,
        @DefaultValue("jdbc:postgresql://127.0.0.1:55432/anxin") String dbUrl,
        @DefaultValue("anxin") String dbUser,
        @DefaultValue("anxin") String dbPassword,
        @DefaultValue("100") int sosCount,
        @DefaultValue("5000") int sosBackgroundRate,
        @DefaultValue("none") String fault,
        @DefaultValue("20") int trendElders,
        @DefaultValue("90") int trendDays,
        @DefaultValue("50") int trendQueries,
        @DefaultValue("10000") int connectDevices,
        @DefaultValue("180s") Duration stormTimeout,
        @DefaultValue("") String gatewayJar,
        @DefaultValue("mqtt") List<String> protocol) {

    public List<Long> pidList() {
        return pids == null ? List.of() : pids;
    }

    /** The protocols of the ingest bench, validated. */
    public List<String> protocols() {
        List<String> list = protocol == null || protocol.isEmpty() ? List.of("mqtt")
                : protocol.stream().map(p -> p.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String p : list) {
            if (!p.equals("mqtt") && !p.equals("watch")) {
                throw new IllegalArgumentException("anxin.bench.protocol: unknown protocol '" + p + "' (mqtt, watch)");
            }
        }
        return list;
    }
}
