package care.anxin.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the gateway can be told ({@code anxin.gateway.*}); every default works on a laptop.
 *
 * @param nodeId      this instance's name in device.gateway_node and presence events; must be stable
 *                    across restarts and unique among gateways sharing a database
 * @param bindAddress address the MQTT listeners bind to
 * @param port        plain MQTT port (0 = any free port, -1 = no plain listener)
 * @param plain       the plain (unencrypted) listener can be switched off, leaving only TLS
 * @param proxy       PROXY protocol from trusted load balancers
 * @param eventLoopThreads Netty event loops of each listener (0 = one per CPU core; Netty's own default
 *                    of two per core woke more loops for fewer sockets each: ~10 % more gateway CPU
 *                    per message at 10,000 msg/s, docs/benchmarks.md)
 */
@ConfigurationProperties("anxin.gateway")
public record GatewayProperties(
        @DefaultValue("gw-1") String nodeId,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("1883") int port,
        @DefaultValue Plain plain,
        @DefaultValue Proxy proxy,
        @DefaultValue Tls tls,
        @DefaultValue Limits limits,
        @DefaultValue Auth auth,
        @DefaultValue Ingest ingest,
        @DefaultValue Presence presence,
        @DefaultValue Downlink downlink,
        @DefaultValue Watch watch,
        @DefaultValue("0") int eventLoopThreads) {

    /** The event loops each listener gets. */
    public int eventLoops() {
        return eventLoopThreads > 0 ? eventLoopThreads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The "3G watch" TCP listener (docs/protocol-watch.md), bound to {@code bindAddress}.
     *
     * @param port              0 = any free port
     * @param maxFrameBytes     largest frame (header and escaping included); a larger one closes the connection
     * @param firstFrameTimeout the first frame must be complete within this of the accept
     * @param idleTimeout       a connection without a complete frame for this long is closed (watches send LK every 1-10 min)
     */
    public record Watch(@DefaultValue("true") boolean enabled, @DefaultValue("5093") int port,
                        @DefaultValue("8192") int maxFrameBytes, @DefaultValue("10s") Duration firstFrameTimeout,
                        @DefaultValue("15m") Duration idleTimeout) {
    }

    /** @param enabled whether the plain MQTT listener runs at all (false: TLS only) */
    public record Plain(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param trustedAddresses load balancers (CIDR ranges) whose connections must start with a PROXY
     *                         protocol v1/v2 header naming the device's real address; a PROXY header
     *                         from any other peer is refused. Empty: PROXY protocol off.
     */
    public record Proxy(@DefaultValue("") List<String> trustedAddresses) {
    }

    /**
     * MQTT over TLS (1.2 and 1.3 only), enabled when a keystore is set.
     *
     * @param clientAuth NONE, OPTIONAL or REQUIRE: client certificates checked against the truststore,
     *                   which must then be configured explicitly (never the JDK's CAs); a presented
     *                   certificate's CN or a SAN must equal the client id
     */
    public record Tls(String keystore, @DefaultValue("") String keystorePassword,
                      @DefaultValue("PKCS12") String keystoreType, @DefaultValue("8883") int port,
                      @DefaultValue("NONE") ClientAuth clientAuth, String truststore,
                      @DefaultValue("") String truststorePassword) {
        public boolean enabled() {
            return keystore != null && !keystore.isBlank();
        }
    }

    public enum ClientAuth { NONE, OPTIONAL, REQUIRE }

    /**
     * @param maxPacketBytes        largest MQTT packet (remaining length); the payload itself is limited to 16 KiB
     * @param inflightPerConnection unacknowledged QoS 1 messages per connection before reading pauses
     *                              (also announced as MQTT 5 Receive Maximum)
     * @param inflightGlobal        messages waiting for the database across all connections before
     *                              every connection pauses reading
     * @param queueCapacity         hard bound of the ingest queue; past it a connection is closed unacknowledged
     * @param maxSocketsPerAddress  open sockets from one real address (generous: carrier NAT)
     * @param connectTimeout        absolute deadline from accept to CONNACK
     * @param subscribesPerSecond   SUBSCRIBE + UNSUBSCRIBE per connection (burst: subscribeBurst)
     * @param pingsPerSecond        PINGREQ per connection (burst: pingBurst)
     * @param acceptBacklog         TCP accept queue of a listener (capped by the kernel's somaxconn); a
     *                              reconnect storm overflowing it costs devices SYN retransmits of 1-31 s
     */
    public record Limits(@DefaultValue("20000") int maxConnections,
                         @DefaultValue("17408") int maxPacketBytes,
                         @DefaultValue("20") double messagesPerSecond,
                         @DefaultValue("40") int burst,
                         @DefaultValue("10s") Duration connectTimeout,
                         @DefaultValue("600") int maxKeepaliveSeconds,
                         @DefaultValue("32") int inflightPerConnection,
                         @DefaultValue("20000") int inflightGlobal,
                         @DefaultValue("40000") int queueCapacity,
                         @DefaultValue("5000") int maxSocketsPerAddress,
                         @DefaultValue("1") double subscribesPerSecond,
                         @DefaultValue("10") int subscribeBurst,
                         @DefaultValue("1") double pingsPerSecond,
                         @DefaultValue("10") int pingBurst,
                         @DefaultValue("4096") int acceptBacklog) {
    }

    /**
     * @param recentTtl              how long a successful login is remembered and let in before any throttle
     * @param recentMax              most remembered logins
     * @param deviceFailureBurst     failed logins for one device id before it is throttled ...
     * @param deviceFailuresPerSecond ... and how fast that allowance comes back
     * @param prefixFailureBurst     failed logins from one /24 or /64 before it is throttled ...
     * @param prefixFailuresPerSecond ... and how fast that allowance comes back
     * @param maxPerAddress          logins of one address running or waiting at once (CONNACK 0x97 past it)
     * @param queueCapacity          logins waiting for a thread (CONNACK 0x89 server busy past it)
     * @param failureDelay           a refused CONNECT is answered this long after it arrived
     * @param threads                threads checking secrets, off the event loops
     */
    public record Auth(@DefaultValue("24h") Duration recentTtl,
                       @DefaultValue("200000") int recentMax,
                       @DefaultValue("5") int deviceFailureBurst,
                       @DefaultValue("0.1") double deviceFailuresPerSecond,
                       @DefaultValue("100") int prefixFailureBurst,
                       @DefaultValue("5") double prefixFailuresPerSecond,
                       @DefaultValue("64") int maxPerAddress,
                       @DefaultValue("512") int queueCapacity,
                       @DefaultValue("1s") Duration failureDelay,
                       @DefaultValue("2") int threads) {
    }

    /**
     * @param writerThreads   group-commit writers (one transaction each at a time); urgent events have their own.
     *                        One writer gathers what arrives during its commit into the next batch: half the
     *                        transactions of two, and ~20 % less CPU per message (docs/benchmarks.md); more
     *                        only help a database whose commits are slow but that has cores to spare
     * @param maxBatch        most messages in one transaction
     * @param linger          how long a writer waits to fill a batch once it has one message (0 = never)
     * @param retryInitial    first backoff after a failed commit, doubling up to retryMax
     * @param carePlanTtl     how long an elder's care plan and age are cached
     * @param activityFlush   how often last_seen/battery are written
     */
    public record Ingest(@DefaultValue("1") int writerThreads,
                         @DefaultValue("1000") int maxBatch,
                         @DefaultValue("2ms") Duration linger,
                         @DefaultValue("100ms") Duration retryInitial,
                         @DefaultValue("5s") Duration retryMax,
                         @DefaultValue("60s") Duration carePlanTtl,
                         @DefaultValue("5s") Duration activityFlush) {
    }

    /** @param offlineGrace a disconnected device is reported offline only if it has not come back within this */
    public record Presence(@DefaultValue("30s") Duration offlineGrace) {
    }

    /**
     * @param pollInterval safety-net poll for commands whose notification was missed
     * @param maxAttempts  sends without PUBACK before a command is marked FAILED
     * @param dbThreads    threads for command reads and session-state writes
     * @param dbQueue      their bounded queue; when full the work is refused (the device resubscribes / the poll retries)
     */
    public record Downlink(@DefaultValue("30s") Duration pollInterval, @DefaultValue("20") int maxAttempts,
                           @DefaultValue("2") int dbThreads, @DefaultValue("1000") int dbQueue) {
    }
}
