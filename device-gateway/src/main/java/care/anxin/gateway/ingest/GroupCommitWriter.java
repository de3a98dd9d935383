package care.anxin.gateway.ingest;

import care.anxin.domain.care.CarePlan;
import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.Problem;
import care.anxin.domain.wire.StatusMessage;
import care.anxin.domain.wire.UplinkMessage;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.store.ingest.IngestItem;
import care.anxin.store.ingest.IngestRepository;
import care.anxin.store.ingest.MessageKey;
import care.anxin.store.ingest.RejectedRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit: writer threads take whatever messages of many devices are queued (up to
 * maxBatch), write them in ONE transaction and only then complete each message's future, which
 * sends its PUBACK. A failed commit is retried with backoff, never acknowledged; a message whose
 * data the database refuses is isolated and kept in rejected_message instead of blocking others.
 * Urgent events (SOS, FALL, FALL_CANCELLED) have their own queue and writer: never behind a batch.
 * An urgent message is never refused for a storage problem: they were valid when decoded, so a
 * write the database refuses is retried on the side with backoff (its PUBACK withheld, the
 * device may resend meanwhile) while the urgent lane carries on with everyone else's.
 */
public class GroupCommitWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Stops after the MQTT listeners (which stop first and stop feeding us). */
    public static final int PHASE = Integer.MAX_VALUE - 2000;

    private final IngestRepository repository;
    private final MessageRows rows;
    private final CarePlanCache carePlans;
    private final DeviceActivityTracker activity;
    private final GatewayMetrics metrics;
    private final GatewayProperties.Ingest config;
    private final Clock clock;
    private final BlockingQueue<Submission> queue;
    private final BlockingQueue<Submission> urgentQueue = new LinkedBlockingQueue<>();
    private final AtomicInteger writing = new AtomicInteger();
    /** Urgent messages waiting for another attempt after the database refused them, by attempts so far. */
    private final Map<Submission, Integer> urgentRetrying = new ConcurrentHashMap<>();
    private final ScheduledExecutorService urgentRetryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-urgent-retry");
        t.setDaemon(true);
        return t;
    });
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile long drainDeadlineNanos = Long.MAX_VALUE;
    private volatile Instant failingSince;

    public GroupCommitWriter(IngestRepository repository, MessageRows rows, CarePlanCache carePlans,
                             DeviceActivityTracker activity, GatewayMetrics metrics, GatewayProperties properties,
                             Clock clock) {
        this.repository = repository;
        this.rows = rows;
        this.carePlans = carePlans;
        this.activity = activity;
        this.metrics = metrics;
        this.config = properties.ingest();
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(properties.limits().queueCapacity());
        metrics.gauge("anxin.gateway.ingest.backlog", "Messages queued or being written", this::backlog);
        metrics.gauge("anxin.gateway.urgent.retrying", "Urgent messages refused by the database, being retried",
                urgentRetrying::size);
    }

    /** Queues a message; false when the hard bound is reached (the caller must not acknowledge it). */
    public boolean submit(Submission s) {
        if (!running) {
            return false;
        }
        return s.urgent() ? urgentQueue.offer(s) : queue.offer(s);
    }

    public int backlog() {
        return queue.size() + urgentQueue.size() + writing.get();
    }

    /** Urgent messages (SOS/FALL) whose write the database refused and that wait for another attempt. */
    public int urgentRetrying() {
        return urgentRetrying.size();
    }

    /** When commits have been failing since (null while healthy). */
    public Instant failingSince() {
        return failingSince;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < config.writerThreads(); i++) {
            threads.add(startThread("ingest-writer-" + i, queue, config.maxBatch(), config.linger()));
        }
        threads.add(startThread("ingest-urgent", urgentQueue, 64, Duration.ZERO));
    }

    private Thread startThread(String name, BlockingQueue<Submission> source, int maxBatch, Duration linger) {
        Thread t = new Thread(() -> run(source, maxBatch, linger.toNanos()), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public synchronized void stop() {
        // Drain what is queued (listeners are closed by now), but do not hang forever on a dead database.
        drainDeadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        running = false;
        for (Runnable pending : urgentRetryTimer.shutdownNow()) {
            pending.run(); // re-queued for the final drain
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(12));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run(BlockingQueue<Submission> source, int maxBatch, long lingerNanos) {
        List<Submission> batch = new ArrayList<>(maxBatch);
        while (running || !source.isEmpty()) {
            try {
                Submission first = source.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                source.drainTo(batch, maxBatch - 1);
                if (lingerNanos > 0 && batch.size() < maxBatch) {
                    // Sleep through the linger and take what came meanwhile: waiting in poll() instead
                    // woke this thread (a futex wake and two context switches) for every message.
                    TimeUnit.NANOSECONDS.sleep(lingerNanos);
                    source.drainTo(batch, maxBatch - batch.size());
                }
                writing.addAndGet(batch.size());
                try {
                    commit(batch);
                } finally {
                    writing.addAndGet(-batch.size());
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Never let a writer die: its messages stay unacknowledged and the devices resend them.
                log.error("Ingest writer failed on a batch of {}", batch.size(), e);
                batch.forEach(s -> s.done().completeExceptionally(e));
                batch.clear();
            }
        }
    }

    /** Commits the batch, retrying outages with backoff; completes every future only after commit. */
    private void commit(List<Submission> batch) throws InterruptedException {
        long backoff = config.retryInitial().toNanos();
        int attempt = 0;
        while (true) {
            long start = System.nanoTime();
            try {
                Map<Submission, IngestOutcome> outcomes = writeOnce(batch);
                metrics.batch(batch.size(), System.nanoTime() - start);
                if (failingSince != null) {
                    log.info("Database writes recovered after {} failed attempt(s)", attempt);
                    failingSince = null;
                }
                outcomes.forEach(this::complete);
                return;
            } catch (RuntimeException | java.sql.SQLException e) {
                attempt++;
                metrics.commitFailed();
                if (!TransientFailures.isTransient(e)) {
                    isolate(batch, e);
                    return;
                }
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                if (attempt == 1 || attempt % 20 == 0) {
                    log.warn("Cannot commit batch of {} (attempt {}), retrying; nothing acknowledged: {}",
                            batch.size(), attempt, e.toString());
                }
                if (!running && System.nanoTime() > drainDeadlineNanos) {
                    log.warn("Shutting down with {} unstored message(s); devices will resend them", batch.size());
                    batch.forEach(s -> s.done().completeExceptionally(e));
                    return;
                }
                TimeUnit.NANOSECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, config.retryMax().toNanos());
            }
        }
    }

    /** A data error: write each message alone so only the culprit is refused (kept in rejected_message). */
    private void isolate(List<Submission> batch, Exception e) throws InterruptedException {
        if (batch.size() > 1) {
            for (Submission s : batch) {
                commit(List.of(s));
            }
            return;
        }
        Submission s = batch.get(0);
        if (s.urgent()) {
            retryUrgentLater(s, e);
            return;
        }
        if (s.decoded() instanceof DecodeResult.Rejected) {
            log.error("Cannot even keep refused message of device {}: {}", s.deviceId(), e.toString());
            s.done().completeExceptionally(e);
            return;
        }
        log.warn("Database refused message of device {}: {}", s.deviceId(), e.toString());
        String reason = "storage refused the message: " + e.getMessage();
        commit(List.of(s.refusedInstead(new DecodeResult.Rejected(List.of(new Problem("payload", reason))))));
    }

    /**
     * An SOS/FALL the database refused: never turned into a rejection. It goes back to the urgent
     * queue after a backoff (initial..max, doubling) so other urgent messages are not held behind it.
     */
    private void retryUrgentLater(Submission s, Exception e) {
        int attempts = urgentRetrying.merge(s, 1, Integer::sum);
        metrics.urgentRetry();
        if (attempts == 1 || attempts % 20 == 0) {
            log.error("Database refused urgent {} of device {} (attempt {}); not acknowledged, retrying: {}",
                    s.kind(), s.deviceId(), attempts, e.toString());
        }
        long delay = Math.min(config.retryInitial().toNanos() << Math.min(attempts - 1, 20), config.retryMax().toNanos());
        try {
            urgentRetryTimer.schedule(() -> requeueUrgent(s), delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            requeueUrgent(s);
        }
    }

    private void requeueUrgent(Submission s) {
        if (!running && System.nanoTime() > drainDeadlineNanos || !urgentQueue.offer(s)) {
            urgentRetrying.remove(s);
            s.done().completeExceptionally(new IllegalStateException("shutting down; the device resends"));
        }
    }

    private Map<Submission, IngestOutcome> writeOnce(List<Submission> batch) throws java.sql.SQLException {
        Instant now = clock.instant();
        Set<Long> elders = new HashSet<>();
        for (Submission s : batch) {
            if (s.decoded() instanceof DecodeResult.Accepted && s.elderId() != null) {
                elders.add(s.elderId());
            }
        }
        Map<Long, CarePlan> plans = carePlans.plans(elders);
        List<IngestItem> items = new ArrayList<>(batch.size());
        List<RejectedRow> rejected = new ArrayList<>();
        Map<Submission, MessageKey> keys = new IdentityHashMap<>();
        for (Submission s : batch) {
            if (s.decoded() instanceof DecodeResult.Accepted a) {
                IngestItem item = rows.rows(s.deviceId(), s.elderId(), a.message(), s.payload(), plans.get(s.elderId()),
                        s.receivedAt());
                items.add(item);
                keys.put(s, item.key());
            } else if (s.decoded() instanceof DecodeResult.Rejected r) {
                rejected.add(new RejectedRow(s.receivedAt(), s.deviceId(), s.topic(), 0x99, r.summary(),
                        s.payload(), s.remoteAddress()));
            }
        }
        Set<MessageKey> stored = repository.write(items, rejected, now);
        Map<Submission, IngestOutcome> outcomes = new IdentityHashMap<>();
        Set<MessageKey> firstSeen = new HashSet<>();
        for (Submission s : batch) {
            MessageKey key = keys.get(s);
            if (key == null) {
                outcomes.put(s, IngestOutcome.rejected(((DecodeResult.Rejected) s.decoded()).summary()));
            } else {
                boolean fresh = stored.contains(key) && firstSeen.add(key);
                outcomes.put(s, fresh ? IngestOutcome.STORED : IngestOutcome.DUPLICATE);
            }
        }
        return outcomes;
    }

    private void complete(Submission s, IngestOutcome outcome) {
        // Only urgent messages are ever retried on the side (and hashing a Submission hashes its whole message).
        if (s.urgent() && urgentRetrying.remove(s) != null) {
            log.info("Urgent {} of device {} stored after retrying", s.kind(), s.deviceId());
        }
        metrics.stored(outcome.status().tag());
        if (s.decoded() instanceof DecodeResult.Accepted a) {
            UplinkMessage m = a.message();
            Integer battery = m instanceof StatusMessage st ? st.battery()
                    : m instanceof EventMessage ev ? ev.battery() : null;
            String firmware = m instanceof StatusMessage st ? st.firmware() : null;
            activity.seen(s.deviceId(), s.receivedAt(), battery, firmware);
        } else {
            activity.seen(s.deviceId(), s.receivedAt(), null, null);
        }
        s.done().complete(outcome);
    }
}
