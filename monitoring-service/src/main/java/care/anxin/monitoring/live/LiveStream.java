package care.anxin.monitoring.live;

import care.anxin.store.console.ViewerScope;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's open event stream. Frames queue here (bounded) and are written with the Servlet
 * non-blocking output API: a write happens only while the container says the socket can take it
 * ({@link ServletOutputStream#isReady()}), the rest waits for {@link #onWritePossible()}. So no
 * thread ever blocks on a browser that stopped reading; such a stream is closed once its queue is
 * full or it has not been writable for the stall timeout, and the browser resumes with
 * Last-Event-ID when it reconnects.
 */
final class LiveStream implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    /** Why a stream ended early (metric tag). */
    enum DropReason { BEHIND, STALLED, SESSION_ENDED }

    /** A frame waiting for the doctor's contract check on this elder; {@code needsCheck=false}: always sent. */
    record PendingCheck(SseFrame frame, long elderId, long organizationId, boolean needsCheck) {
    }

    final ViewerScope scope;
    /** Doctors' frames wait here for their contract check, which runs off the fan-out thread. */
    final Queue<PendingCheck> pendingChecks = new ConcurrentLinkedQueue<>();
    final AtomicBoolean checking = new AtomicBoolean();

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final int maxQueued;
    private final BiConsumer<LiveStream, DropReason> onEnd;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private boolean needsFlush;
    /** System.nanoTime() since when the socket has not been writable; 0 while it is. */
    private long blockedSince;
    private volatile boolean open = true;

    /** Checked at every heartbeat: false (the user was disabled or logged out elsewhere) ends the stream. */
    final BooleanSupplier stillValid;

    LiveStream(AsyncContext async, ServletOutputStream out, ViewerScope scope, BooleanSupplier stillValid,
               int maxQueued, BiConsumer<LiveStream, DropReason> onEnd) {
        this.stillValid = stillValid;
        this.async = async;
        this.out = out;
        this.scope = scope;
        this.maxQueued = maxQueued;
        this.onEnd = onEnd;
    }

    boolean isOpen() {
        return open;
    }

    /** Queues a frame and writes what the socket takes now; never blocks. False when the stream is closed. */
    boolean send(SseFrame frame) {
        synchronized (this) {
            if (!open) {
                return false;
            }
            if (queued.size() >= maxQueued) {
                log.info("Live stream of user {} fell {} frames behind; closing it (it resumes on reconnect)",
                        scope.userId(), queued.size());
            } else {
                queued.add(frame.bytes());
                writeWhatFits();
                return open;
            }
        }
        end(DropReason.BEHIND);
        return false;
    }

    /** True when the socket has refused writes for longer than this many nanoseconds. */
    synchronized boolean stalledLongerThan(long nanos) {
        return open && blockedSince != 0 && System.nanoTime() - blockedSince > nanos;
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            writeWhatFits();
        }
    }

    /** Holding the monitor: writes queued frames while the container can take them without blocking. */
    private void writeWhatFits() {
        try {
            while (open) {
                if (!out.isReady()) {
                    if (blockedSince == 0) {
                        blockedSince = System.nanoTime();
                    }
                    return; // the container calls onWritePossible when the socket drains
                }
                blockedSince = 0;
                byte[] next = queued.poll();
                if (next == null) {
                    if (!needsFlush) {
                        return;
                    }
                    needsFlush = false;
                    out.flush();
                    continue;
                }
                out.write(next);
                needsFlush = true;
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Live stream write failed: {}", e.toString());
            open = false;
            queued.clear();
            closeQuietly();
        }
    }

    /** Ends the stream early (fallen behind or stalled); it is removed from the hub. */
    void end(DropReason reason) {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            queued.clear();
        }
        pendingChecks.clear();
        onEnd.accept(this, reason);
        closeQuietly();
    }

    /** Completes the response normally (shutdown, lifetime over). */
    void complete() {
        synchronized (this) {
            open = false;
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // completed by the container already
        }
    }

    private void closed() {
        synchronized (this) {
            open = false;
            queued.clear();
        }
        pendingChecks.clear();
        onEnd.accept(this, null);
    }

    @Override
    public void onError(Throwable t) {
        log.debug("Live stream error: {}", t.toString());
        closed();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        closed();
        closeQuietly();
    }

    @Override
    public void onError(AsyncEvent event) {
        closed();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
