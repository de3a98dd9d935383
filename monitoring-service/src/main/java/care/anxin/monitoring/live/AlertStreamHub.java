package care.anxin.monitoring.live;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.AlertQueries.ScopedAlert;
import care.anxin.store.console.ViewerScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans alert changes out to the browsers' event streams, each filtered by its viewer's scope.
 * Event ids grow monotonically within this process (they start at the process's start time in
 * microseconds, so ids from an earlier process or another instance are recognisably foreign); the
 * last events are kept so a client reconnecting with Last-Event-ID gets exactly what it missed.
 * When that is impossible (id too old, unknown, or the LISTEN connection dropped) the client gets a
 * {@code resync} event and reloads its list.
 * <p>
 * Ordering: publishing happens on one thread; the hub lock covers the buffer and the subscriber
 * set, each subscriber's lock covers its writes, and a new subscriber holds its own lock from
 * registration until its replay is written, so replayed and live events never interleave.
 */
@Component
public class AlertStreamHub {

    private static final Logger log = LoggerFactory.getLogger(AlertStreamHub.class);

    private record BufferedEvent(long id, ScopedAlert alert) {
    }

    private final AlertQueries alerts;
    private final MonitoringProperties.Stream settings;
    private final ArrayDeque<BufferedEvent> buffer = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;
    private final Counter delivered;
    private final Counter resyncs;
    private long lastId;

    public AlertStreamHub(AlertQueries alerts, MonitoringProperties properties, MeterRegistry meters) {
        this.alerts = alerts;
        this.settings = properties.stream();
        this.lastId = System.currentTimeMillis() * 1000;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        Gauge.builder("anxin.stream.subscribers", subscribers, Set::size)
                .description("open live alert streams").register(meters);
        this.delivered = Counter.builder("anxin.stream.events.delivered").register(meters);
        this.resyncs = Counter.builder("anxin.stream.resyncs").register(meters);
    }

    /** Opens a stream for a viewer, replaying what they missed after lastEventId (null: nothing to replay). */
    public SseEmitter subscribe(ViewerScope scope, Long lastEventId) {
        return subscribe(scope, lastEventId, () -> true);
    }

    /**
     * @param stillValid checked at every heartbeat: false (the user was disabled or logged out
     *                   elsewhere) ends the stream
     */
    public SseEmitter subscribe(ViewerScope scope, Long lastEventId, BooleanSupplier stillValid) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Subscriber s = new Subscriber(emitter, scope, stillValid);
        emitter.onCompletion(() -> remove(s));
        emitter.onTimeout(() -> {
            remove(s);
            emitter.complete();
        });
        emitter.onError(e -> remove(s));
        synchronized (s) {
            List<BufferedEvent> replay = new ArrayList<>();
            boolean resync;
            long current;
            synchronized (this) {
                current = lastId;
                resync = lastEventId != null && lastEventId != current && !collectAfter(lastEventId, replay);
                subscribers.add(s);
            }
            try {
                emitter.send(SseEmitter.event().reconnectTime(2000).comment("anxin alert stream"));
                if (resync) {
                    resyncs.increment();
                    s.send(SseEmitter.event().id(Long.toString(current)).name("resync").data("{}"));
                } else {
                    for (BufferedEvent e : replay) {
                        deliver(s, e);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                remove(s);
                emitter.completeWithError(e);
            }
        }
        return emitter;
    }

    /** Called on the single fan-out thread for every alert change, in order. */
    public void publish(ScopedAlert alert) {
        BufferedEvent event;
        List<Subscriber> targets;
        synchronized (this) {
            event = new BufferedEvent(++lastId, alert);
            buffer.addLast(event);
            while (buffer.size() > settings.replayBuffer()) {
                buffer.removeFirst();
            }
            targets = List.copyOf(subscribers);
        }
        log.debug("Alert {} changed: event {} to {} streams", alert.view().id(), event.id(), targets.size());
        for (Subscriber s : targets) {
            synchronized (s) {
                deliver(s, event);
            }
        }
    }

    /** Everyone reloads: after the LISTEN connection was lost, changes may have been missed. */
    public void resyncAll() {
        long current;
        List<Subscriber> targets;
        synchronized (this) {
            // Bump the id so that resuming from before the gap can never look complete.
            current = ++lastId;
            buffer.clear();
            targets = List.copyOf(subscribers);
        }
        for (Subscriber s : targets) {
            synchronized (s) {
                resyncs.increment();
                s.send(SseEmitter.event().id(Long.toString(current)).name("resync").data("{}"));
            }
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Fills events after lastEventId; false when the buffer no longer (or never) covered that id. */
    private boolean collectAfter(long lastEventId, List<BufferedEvent> out) {
        if (lastEventId > lastId || buffer.isEmpty() || buffer.peekFirst().id() > lastEventId + 1) {
            return false;
        }
        for (BufferedEvent e : buffer) {
            if (e.id() > lastEventId) {
                out.add(e);
            }
        }
        return true;
    }

    private void deliver(Subscriber s, BufferedEvent event) {
        if (!s.open || !visible(s.scope, event.alert())) {
            return;
        }
        if (s.send(SseEmitter.event().id(Long.toString(event.id())).name("alert")
                .data(event.alert().view(), MediaType.APPLICATION_JSON))) {
            delivered.increment();
        }
    }

    private boolean visible(ViewerScope scope, ScopedAlert alert) {
        if (scope.byContract()) {
            // Contracts change while streams stay open: ask the database (doctors are few).
            return alerts.elderVisible(scope, alert.elderId(), alert.view().organization().id());
        }
        return scope.containsOrganizationPath(alert.organizationPath());
    }

    private void heartbeat() {
        for (Subscriber s : List.copyOf(subscribers)) {
            if (!stillValid(s)) {
                remove(s);
                s.emitter.complete();
                continue;
            }
            synchronized (s) {
                s.send(SseEmitter.event().comment("hb"));
            }
        }
    }

    private static boolean stillValid(Subscriber s) {
        try {
            return s.stillValid.getAsBoolean();
        } catch (RuntimeException e) {
            return true; // the database being unreachable must not cut every console off
        }
    }

    private void remove(Subscriber s) {
        s.open = false;
        subscribers.remove(s);
    }

    /** Ends every open stream (on shutdown, before the web server waits for active requests). */
    public void completeAll() {
        for (Subscriber s : List.copyOf(subscribers)) {
            remove(s);
            s.emitter.complete();
        }
    }

    @PreDestroy
    void close() {
        heartbeats.shutdownNow();
        completeAll();
    }

    /** One open stream. Writes happen while holding its monitor. */
    private final class Subscriber {
        final SseEmitter emitter;
        final ViewerScope scope;
        final BooleanSupplier stillValid;
        volatile boolean open = true;

        Subscriber(SseEmitter emitter, ViewerScope scope, BooleanSupplier stillValid) {
            this.emitter = emitter;
            this.scope = scope;
            this.stillValid = stillValid;
        }

        /** Writes one event; a failed write (client gone) ends the subscription. */
        boolean send(SseEmitter.SseEventBuilder event) {
            if (!open) {
                return false;
            }
            try {
                emitter.send(event);
                return true;
            } catch (IOException | IllegalStateException e) {
                log.debug("Live stream closed: {}", e.getMessage());
                remove(this);
                emitter.completeWithError(e);
                return false;
            }
        }
    }
}
