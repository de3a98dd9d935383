package care.anxin.gateway.limit;

/**
 * Token bucket: {@code ratePerSecond} tokens per second, at most {@code burst} saved up. Not
 * thread-safe: confine it to one event loop or guard it.
 */
public final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token; false when the bucket is empty. */
    public boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether a token is available, without taking it. */
    public boolean available(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    /** Whether the bucket has refilled completely (nothing to remember any more). */
    public boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
    }
}
