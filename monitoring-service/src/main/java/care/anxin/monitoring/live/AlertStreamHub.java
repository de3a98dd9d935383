package care.anxin.monitoring.live;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.AlertQueries.ScopedAlert;
import care.anxin.store.console.ViewerScope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Fans alert changes out to the browsers' event streams, each filtered by its viewer's scope.
 * Event ids grow monotonically within this process (they start at the process's start time in
 * microseconds, so ids from an earlier process or another instance are recognisably foreign); the
 * last events are kept so a client reconnecting with Last-Event-ID gets exactly what it missed.
 * When that is impossible (id too old, unknown, or the LISTEN connection dropped) the client gets a
 * {@code resync} event and reloads its list.
 * <p>
 * Nothing here waits for a browser: each event is encoded once and queued on every stream that
 * may see it ({@link LiveStream}, non-blocking writes, bounded). Doctors' streams need a database
 * check of their contracts per event; those checks run on their own small pool, in order per
 * stream, never on the fan-out thread. A user holds at most {@code max-per-user} streams.
 * <p>
 * Ordering: publishing happens on one thread; the hub lock covers the buffer, the id and the
 * stream set; a new stream is registered and its replay queued under that lock, so replayed and
 * live events never interleave.
 */
@Component
public class AlertStreamHub {

    private static final Logger log = LoggerFactory.getLogger(AlertStreamHub.class);
    private static final long RECONNECT_MILLIS = 2000;

    private record BufferedEvent(long id, ScopedAlert alert, SseFrame frame) {
    }

    private final AlertQueries alerts;
    private final ObjectMapper json;
    private final MonitoringProperties.Stream settings;
    private final ArrayDeque<BufferedEvent> buffer = new ArrayDeque<>();
    private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> streamsPerUser = new HashMap<>();
    private final ScheduledExecutorService heartbeats;
    private final ExecutorService contractChecks;
    private final Counter delivered;
    private final Counter resyncs;
    private final MeterRegistry meters;
    private long lastId;

    public AlertStreamHub(AlertQueries alerts, ObjectMapper json, MonitoringProperties properties, MeterRegistry meters) {
        this.alerts = alerts;
        this.json = json;
        this.settings = properties.stream();
        this.meters = meters;
        this.lastId = System.currentTimeMillis() * 1000;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("sse-heartbeat"));
        AtomicInteger n = new AtomicInteger();
        this.contractChecks = Executors.newFixedThreadPool(settings.contractCheckThreads(),
                r -> daemon("sse-contract-check-" + n.incrementAndGet()).newThread(r));
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        Gauge.builder("anxin.stream.subscribers", streams, Set::size)
                .description("open live alert streams").register(meters);
        this.delivered = Counter.builder("anxin.stream.events.delivered").register(meters);
        this.resyncs = Counter.builder("anxin.stream.resyncs").register(meters);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Opens a stream for a viewer on this request (Servlet async, non-blocking output), replaying
     * what they missed after lastEventId (null: nothing to replay). 429 past the per-user cap.
     */
    public void open(ViewerScope scope, Long lastEventId, BooleanSupplier stillValid, HttpServletRequest request,
                     HttpServletResponse response)
            throws IOException {
        reserve(scope.userId());
        LiveStream stream;
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache, no-store");
            response.setHeader("X-Accel-Buffering", "no");
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(settings.timeout().toMillis());
            stream = new LiveStream(async, response.getOutputStream(), scope, stillValid, settings.subscriberQueue(), this::ended);
            async.addListener(stream);
            response.getOutputStream().setWriteListener(stream);
        } catch (IOException | RuntimeException e) {
            release(scope.userId());
            throw e;
        }
        synchronized (this) {
            List<BufferedEvent> replay = new ArrayList<>();
            long current = lastId;
            boolean resync = lastEventId != null && lastEventId != current && !collectAfter(lastEventId, replay);
            streams.add(stream);
            stream.send(SseFrame.hello(RECONNECT_MILLIS));
            if (resync) {
                resyncs.increment();
                stream.send(resyncFrame(current));
            } else {
                for (BufferedEvent e : replay) {
                    deliver(stream, e);
                }
            }
        }
    }

    /** Called on the single fan-out thread for every alert change, in order; never waits for a browser. */
    public void publish(ScopedAlert alert) {
        BufferedEvent event;
        List<LiveStream> targets;
        byte[] body = encode(alert);
        synchronized (this) {
            long id = ++lastId;
            event = new BufferedEvent(id, alert, SseFrame.event(id, "alert", body));
            buffer.addLast(event);
            while (buffer.size() > settings.replayBuffer()) {
                buffer.removeFirst();
            }
            targets = List.copyOf(streams);
        }
        log.debug("Alert {} changed: event {} to {} streams", alert.view().id(), event.id(), targets.size());
        for (LiveStream s : targets) {
            deliver(s, event);
        }
    }

    /** Everyone reloads: after the LISTEN connection was lost, changes may have been missed. */
    public void resyncAll() {
        List<LiveStream> targets;
        SseFrame frame;
        synchronized (this) {
            // Bump the id so that resuming from before the gap can never look complete.
            frame = resyncFrame(++lastId);
            buffer.clear();
            targets = List.copyOf(streams);
        }
        for (LiveStream s : targets) {
            resyncs.increment();
            passThrough(s, frame);
        }
    }

    public int subscriberCount() {
        return streams.size();
    }

    private byte[] encode(ScopedAlert alert) {
        try {
            return json.writeValueAsBytes(alert.view());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("AlertView not serialisable", e);
        }
    }

    private static SseFrame resyncFrame(long id) {
        return SseFrame.event(id, "resync", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    private void deliver(LiveStream s, BufferedEvent event) {
        if (!s.isOpen()) {
            return;
        }
        ScopedAlert alert = event.alert();
        if (s.scope.byContract()) {
            queueCheck(s, new LiveStream.PendingCheck(event.frame(), alert.elderId(),
                    alert.view().organization().id(), true));
        } else if (s.scope.containsOrganizationPath(alert.organizationPath()) && s.send(event.frame())) {
            delivered.increment();
        }
    }

    /** A frame every viewer gets (resync); for doctors it queues behind their pending checks to keep order. */
    private void passThrough(LiveStream s, SseFrame frame) {
        if (s.scope.byContract()) {
            queueCheck(s, new LiveStream.PendingCheck(frame, 0, 0, false));
        } else {
            s.send(frame);
        }
    }

    private void queueCheck(LiveStream s, LiveStream.PendingCheck check) {
        if (s.pendingChecks.size() >= settings.subscriberQueue()) {
            s.end(LiveStream.DropReason.BEHIND);
            return;
        }
        s.pendingChecks.add(check);
        if (s.checking.compareAndSet(false, true)) {
            contractChecks.execute(() -> runChecks(s));
        }
    }

    /** Contracts change while streams stay open: ask the database per event (doctors are few). */
    private void runChecks(LiveStream s) {
        do {
            for (LiveStream.PendingCheck c = s.pendingChecks.poll(); c != null; c = s.pendingChecks.poll()) {
                if (!s.isOpen()) {
                    s.pendingChecks.clear();
                    break;
                }
                try {
                    if (!c.needsCheck()) {
                        s.send(c.frame());
                    } else if (alerts.elderVisible(s.scope, c.elderId(), c.organizationId()) && s.send(c.frame())) {
                        delivered.increment();
                    }
                } catch (RuntimeException e) {
                    log.warn("Contract check for a live stream failed; asking it to resync: {}", e.toString());
                    s.send(resyncFrame(currentId()));
                }
            }
            s.checking.set(false);
        } while (!s.pendingChecks.isEmpty() && s.checking.compareAndSet(false, true));
    }

    private synchronized long currentId() {
        return lastId;
    }

    private void heartbeat() {
        long stalled = settings.stallTimeout().toNanos();
        for (LiveStream s : List.copyOf(streams)) {
            if (!s.isOpen()) {
                ended(s, null); // closed by the container before it was registered: free its slot
            } else if (!stillValid(s)) {
                s.end(LiveStream.DropReason.SESSION_ENDED);
            } else if (s.stalledLongerThan(stalled)) {
                log.info("Live stream of user {} has not been writable for {}; closing it", s.scope.userId(),
                        settings.stallTimeout());
                s.end(LiveStream.DropReason.STALLED);
            } else {
                s.send(SseFrame.HEARTBEAT);
            }
        }
    }

    private synchronized void reserve(long userId) {
        int open = streamsPerUser.getOrDefault(userId, 0);
        if (open >= settings.maxPerUser()) {
            meters.counter("anxin.stream.refused").increment();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "At most " + settings.maxPerUser() + " live streams per user; close another console tab");
            problem.setTitle("Too many live streams");
            throw new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        }
        streamsPerUser.put(userId, open + 1);
    }

    private synchronized void release(long userId) {
        streamsPerUser.computeIfPresent(userId, (k, v) -> v <= 1 ? null : v - 1);
    }

    /** A stream ended (closed by the browser, timed out, or dropped by us); called once per stream. */
    private void ended(LiveStream s, LiveStream.DropReason reason) {
        if (streams.remove(s)) {
            release(s.scope.userId());
            if (reason != null) {
                meters.counter("anxin.stream.dropped", "reason", reason.name().toLowerCase()).increment();
            }
        }
    }

    private static boolean stillValid(LiveStream s) {
        try {
            return s.stillValid.getAsBoolean();
        } catch (RuntimeException e) {
            return true; // the database being unreachable must not cut every console off
        }
    }

    /** Ends every open stream (on shutdown, before the web server waits for active requests). */
    public void completeAll() {
        for (LiveStream s : List.copyOf(streams)) {
            ended(s, null);
            s.complete();
        }
    }

    @PreDestroy
    void close() {
        heartbeats.shutdownNow();
        contractChecks.shutdownNow();
        completeAll();
    }
}
