package care.anxin.alert.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alert-service settings (prefix anxin.alert). Every default works on a laptop; see docs/alerting.md.
 */
@ConfigurationProperties("anxin.alert")
public record AlertProperties(Events events, Fall fall, Escalation escalation, Dispatch dispatch, Sms sms,
                              Rules rules, Boolean workersEnabled) {

    public AlertProperties {
        events = events != null ? events : new Events(0, null, 0, null, null, 0, null);
        fall = fall != null ? fall : new Fall(null, null);
        escalation = escalation != null ? escalation : new Escalation(null, null, null, null);
        dispatch = dispatch != null ? dispatch : new Dispatch(null, 0, 0, null, null, 0, null, null, null, 0, null, 0, 0, null);
        sms = sms != null ? sms : new Sms(null);
        rules = rules != null ? rules : new Rules(null, null, 0, 0, null, null, null, 0, 0, null, null, true);
    }

    /**
     * The device_event consumer: batch size, polling safety net, attempts before a non-urgent event is
     * parked (urgent ones are retried forever), retry backoff, each device's budget of non-urgent
     * events per minute, and the age of the oldest waiting urgent event that turns health DOWN.
     */
    public record Events(int batchSize, Duration pollInterval, int maxAttempts, Duration retryBase, Duration retryMax,
                         int devicePerMinute, Duration urgentMaxAge) {
        public Events {
            batchSize = batchSize > 0 ? batchSize : 100;
            pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(2);
            maxAttempts = maxAttempts > 0 ? maxAttempts : 5;
            retryBase = retryBase != null ? retryBase : Duration.ofSeconds(1);
            retryMax = retryMax != null ? retryMax : Duration.ofSeconds(30);
            devicePerMinute = devicePerMinute > 0 ? devicePerMinute : 60;
            urgentMaxAge = urgentMaxAge != null ? urgentMaxAge : Duration.ofSeconds(30);
        }
    }

    /** Fall handling: how long a fall waits for the elder's cancel, and the fall/SOS correlation window. */
    public record Fall(Duration cancelWindow, Duration correlationWindow) {
        public Fall {
            cancelWindow = cancelWindow != null ? cancelWindow : Duration.ofSeconds(30);
            correlationWindow = correlationWindow != null ? correlationWindow : Duration.ofMinutes(2);
        }
    }

    /** Timers and the built-in default policy (used when no organization up the tree has one). */
    public record Escalation(Duration timerInterval, Duration ackTimeout, Duration reminderInterval, Duration resolveTimeout) {
        public Escalation {
            timerInterval = timerInterval != null ? timerInterval : Duration.ofSeconds(1);
            ackTimeout = ackTimeout != null ? ackTimeout : Duration.ofSeconds(60);
            reminderInterval = reminderInterval != null ? reminderInterval : Duration.ofSeconds(60);
            resolveTimeout = resolveTimeout != null ? resolveTimeout : Duration.ofMinutes(15);
        }
    }

    /**
     * The outbox dispatcher: retries with exponential backoff and jitter, then DEAD. Every HTTP send
     * ends within totalDeadline (connect, headers and body); senders threads serve webhooks, at most
     * perEndpoint of them for one endpoint; an endpoint failing circuitFailures times in a row is
     * left alone for circuitOpenFor. The handset downlink and SMS have lanes of their own.
     */
    public record Dispatch(Duration pollInterval, int batchSize, int maxAttempts, Duration backoffBase, Duration backoffMax,
                           double jitter, Duration connectTimeout, Duration requestTimeout, Duration lease, int senders,
                           Duration totalDeadline, int perEndpoint, int circuitFailures, Duration circuitOpenFor) {
        public Dispatch {
            totalDeadline = totalDeadline != null ? totalDeadline : Duration.ofSeconds(10);
            perEndpoint = perEndpoint > 0 ? perEndpoint : 2;
            circuitFailures = circuitFailures > 0 ? circuitFailures : 5;
            circuitOpenFor = circuitOpenFor != null ? circuitOpenFor : Duration.ofSeconds(30);
            pollInterval = pollInterval != null ? pollInterval : Duration.ofMillis(500);
            batchSize = batchSize > 0 ? batchSize : 50;
            maxAttempts = maxAttempts > 0 ? maxAttempts : 8;
            backoffBase = backoffBase != null ? backoffBase : Duration.ofSeconds(2);
            backoffMax = backoffMax != null ? backoffMax : Duration.ofMinutes(5);
            jitter = jitter > 0 ? Math.min(jitter, 1.0) : 0.2;
            connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(3);
            requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(10);
            lease = lease != null ? lease : Duration.ofSeconds(60);
            senders = senders > 0 ? senders : 4;
        }
    }

    /** The HTTP SMS gateway used for family contacts (POST JSON {phone, text}); off when no URL. */
    public record Sms(URI gatewayUrl) {
        public Sms {
            gatewayUrl = gatewayUrl == null || gatewayUrl.toString().isBlank() ? null : gatewayUrl;
        }
    }

    /** Condition rules evaluated on a schedule. Day hours are local time in zone (inactivity). */
    public record Rules(Duration interval, Duration offlineAfter, int noDataMinutes, int inactivityHours,
                        LocalTime dayStart, LocalTime dayEnd, ZoneId zone, int lowBatteryPct, int batteryRecoveredPct,
                        Duration vitalsWindow, Duration positionMaxAge, Boolean enabled) {
        public Rules {
            interval = interval != null ? interval : Duration.ofSeconds(30);
            offlineAfter = offlineAfter != null ? offlineAfter : Duration.ofMinutes(10);
            noDataMinutes = noDataMinutes > 0 ? noDataMinutes : 60;
            inactivityHours = inactivityHours > 0 ? inactivityHours : 4;
            dayStart = dayStart != null ? dayStart : LocalTime.of(8, 0);
            dayEnd = dayEnd != null ? dayEnd : LocalTime.of(20, 0);
            zone = zone != null ? zone : ZoneId.of("Asia/Shanghai");
            lowBatteryPct = lowBatteryPct > 0 ? lowBatteryPct : 15;
            batteryRecoveredPct = batteryRecoveredPct > 0 ? batteryRecoveredPct : 30;
            vitalsWindow = vitalsWindow != null ? vitalsWindow : Duration.ofMinutes(60);
            positionMaxAge = positionMaxAge != null ? positionMaxAge : Duration.ofHours(2);
            enabled = enabled == null || enabled;
        }
    }
}
