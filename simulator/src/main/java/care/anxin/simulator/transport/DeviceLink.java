package care.anxin.simulator.transport;

import care.anxin.domain.wire.CommandCodec;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.domain.wire.DeviceTopic;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device on Eclipse Paho, as docs/protocol.md asks: client id = user name = device
 * id, persistent session, a will on the status topic, QoS 1 uplinks, a QoS 1 subscription to its
 * command topic. The last 30 messages published while the link is down are buffered and
 * sent after reconnecting (a real device keeps what was not acknowledged; more would be flushed
 * faster than the gateway's per-device rate limit allows). A refused secret triggers one
 * rotation through the admin API.
 */
public final class DeviceLink {

    private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);
    private static final CommandCodec COMMANDS = new CommandCodec();

    private final String deviceId;
    private final String label;
    private final String brokerUri;
    private volatile MqttAsyncClient client;
    private final UplinkEncoder encoder;
    private final ScheduledExecutorService scheduler;
    private final Supplier<String> rotateSecret;
    private final Consumer<DeviceCommand> onCommand;
    private volatile String secret;
    private volatile boolean wantOnline = true;
    private volatile boolean connecting;
    private volatile boolean rotated;
    private int failures;

    public DeviceLink(String brokerUri, String deviceId, String secret, String label, UplinkEncoder encoder,
                      ScheduledExecutorService scheduler, Supplier<String> rotateSecret, Consumer<DeviceCommand> onCommand)
            throws MqttException {
        this.deviceId = deviceId;
        this.secret = secret;
        this.label = label;
        this.encoder = encoder;
        this.scheduler = scheduler;
        this.rotateSecret = rotateSecret;
        this.onCommand = onCommand;
        this.brokerUri = brokerUri;
        this.client = newClient();
    }

    /** A fresh Paho client: buffers while disconnected, hands commands to the listener. */
    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient fresh = new MqttAsyncClient(brokerUri, deviceId, new MemoryPersistence());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        // Small: Paho flushes the whole buffer at reconnect, and the gateway allows bursts of 40 messages.
        buffer.setBufferSize(30);
        buffer.setDeleteOldestMessages(true);
        fresh.setBufferOpts(buffer);
        fresh.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.info("{} ({}) lost its connection: {}", deviceId, label, cause == null ? "closed" : cause.getMessage());
                scheduleReconnect();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handleCommand(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return fresh;
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Connects (asynchronously, retrying with backoff while the gateway is unreachable). */
    public synchronized void connect() {
        wantOnline = true;
        if (connecting || client.isConnected()) {
            return;
        }
        connecting = true;
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(15);
        options.setMaxInflight(64);
        options.setAutomaticReconnect(false);
        options.setUserName(deviceId);
        options.setPassword(secret.toCharArray());
        UplinkEncoder.Uplink will = encoder.will(deviceId, Instant.now());
        options.setWill(will.topic(), will.payload(), 1, false);
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting = false;
                    failures = 0;
                    subscribe();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    connecting = false;
                    onConnectFailure(error);
                }
            });
        } catch (MqttException e) {
            connecting = false;
            onConnectFailure(e);
        }
    }

    /** Publishes at QoS 1; while disconnected the message waits in the buffer. */
    public void publish(UplinkEncoder.Uplink uplink) {
        try {
            client.publish(uplink.topic(), uplink.payload(), 1, false);
        } catch (MqttException e) {
            log.debug("{}: publish not accepted by the client ({}), dropped like a device with a full buffer", deviceId, e.getMessage());
        }
    }

    /**
     * Simulated loss of coverage: the socket goes away without DISCONNECT, so the broker fires the
     * will. The Paho client is replaced (a forcibly disconnected one does not reconnect reliably).
     */
    public synchronized void dropConnection() {
        wantOnline = false;
        MqttAsyncClient old = client;
        try {
            client = newClient();
            old.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("{}: forced disconnect: {}", deviceId, e.getMessage());
        } finally {
            try {
                old.close(true);
            } catch (MqttException e) {
                log.debug("{}: close after forced disconnect: {}", deviceId, e.getMessage());
            }
        }
    }

    public void close() {
        wantOnline = false;
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("{}: close: {}", deviceId, e.getMessage());
        }
    }

    private void subscribe() {
        try {
            client.subscribe(DeviceTopic.command(deviceId), 1);
        } catch (MqttException e) {
            log.warn("{}: cannot subscribe to its command topic: {}", deviceId, e.getMessage());
        }
    }

    private void handleCommand(byte[] payload) {
        Optional<DeviceCommand> command = COMMANDS.decode(payload);
        if (command.isEmpty()) {
            log.warn("{} ({}) received an unreadable command: {}", deviceId, label, new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        onCommand.accept(command.get());
    }

    private void onConnectFailure(Throwable error) {
        int reason = error instanceof MqttException e ? e.getReasonCode() : -1;
        if (reason == MqttException.REASON_CODE_FAILED_AUTHENTICATION && !rotated) {
            rotated = true; // our copy of the secret is stale (e.g. var/ was copied): get a new one once
            log.info("{}: secret refused, rotating it through the admin API", deviceId);
            try {
                secret = rotateSecret.get();
            } catch (RuntimeException e) {
                log.warn("{}: secret rotation failed: {}", deviceId, e.getMessage());
            }
        } else if (failures == 0) {
            log.info("{} ({}) cannot connect yet: {}", deviceId, label, error.getMessage());
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (!wantOnline) {
            return;
        }
        long delayMs = Math.min(30_000, 1000L << Math.min(5, failures++)) + (long) (Math.random() * 500);
        scheduler.schedule(() -> {
            if (wantOnline && !client.isConnected()) {
                connect();
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }
}
