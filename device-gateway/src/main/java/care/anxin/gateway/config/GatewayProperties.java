package care.anxin.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the gateway can be told ({@code anxin.gateway.*}); every default works on a laptop.
 *
 * @param nodeId      this instance's name in device.gateway_node and presence events; must be stable
 *                    across restarts and unique among gateways sharing a database
 * @param bindAddress address the MQTT listeners bind to
 * @param port        plain MQTT port (0 = any free port, -1 = no plain listener)
 */
@ConfigurationProperties("anxin.gateway")
public record GatewayProperties(
        @DefaultValue("gw-1") String nodeId,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("1883") int port,
        @DefaultValue Tls tls,
        @DefaultValue Limits limits,
        @DefaultValue Auth auth,
        @DefaultValue Ingest ingest,
        @DefaultValue Presence presence,
        @DefaultValue Downlink downlink) {

    /**
     * MQTT over TLS, enabled when a keystore is set.
     *
     * @param clientAuth NONE, OPTIONAL or REQUIRE (client certificates checked against the truststore)
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
     */
    public record Limits(@DefaultValue("20000") int maxConnections,
                         @DefaultValue("17408") int maxPacketBytes,
                         @DefaultValue("20") double messagesPerSecond,
                         @DefaultValue("40") int burst,
                         @DefaultValue("10s") Duration connectTimeout,
                         @DefaultValue("600") int maxKeepaliveSeconds,
                         @DefaultValue("32") int inflightPerConnection,
                         @DefaultValue("20000") int inflightGlobal,
                         @DefaultValue("40000") int queueCapacity) {
    }

    /**
     * @param cacheTtl              how long a successful secret check is remembered (reconnect storms)
     * @param maxFailuresPerAddress failed logins from one address within failureWindow before it is refused
     * @param failureDelay          delay before any refusal is answered
     * @param threads               threads doing BCrypt, off the event loops
     */
    public record Auth(@DefaultValue("10m") Duration cacheTtl,
                       @DefaultValue("10") int maxFailuresPerAddress,
                       @DefaultValue("1m") Duration failureWindow,
                       @DefaultValue("1s") Duration failureDelay,
                       @DefaultValue("2") int threads) {
    }

    /**
     * @param writerThreads   group-commit writers (one transaction each at a time); urgent events have their own
     * @param maxBatch        most messages in one transaction
     * @param linger          how long a writer waits to fill a batch once it has one message (0 = never)
     * @param retryInitial    first backoff after a failed commit, doubling up to retryMax
     * @param carePlanTtl     how long an elder's care plan and age are cached
     * @param activityFlush   how often last_seen/battery are written
     */
    public record Ingest(@DefaultValue("2") int writerThreads,
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
     */
    public record Downlink(@DefaultValue("30s") Duration pollInterval, @DefaultValue("20") int maxAttempts) {
    }
}
