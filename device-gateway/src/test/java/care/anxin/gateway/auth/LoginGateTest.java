package care.anxin.gateway.auth;

import care.anxin.domain.device.DeviceProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.ingest.DeviceDirectory;
import care.anxin.store.ingest.SessionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission without a database: a gate without worker threads keeps what it admits queued, so its
 * decisions (per-address cap, full queue, throttled prefix, recent credential first) are visible;
 * with a worker, a login whose socket closed is answered without any check (the directory here
 * has no database: touching it would fail differently).
 */
class LoginGateTest {

    private final RecentLogins recent = new RecentLogins(Duration.ofMinutes(5), 100);
    private final LoginLimiter limiter = new LoginLimiter(new LoginLimiter.Rate(0.001, 2), new LoginLimiter.Rate(0.001, 3), 100);
    private final DeviceDirectory noDatabase = new DeviceDirectory(null, null);
    private LoginGate gate = gate(0);

    private LoginGate gate(int threads) {
        return new LoginGate(new DeviceAuthenticator(noDatabase, recent), noDatabase, new SessionRepository(null),
                recent, limiter, threads, 4, 2, Duration.ofMillis(200));
    }

    @AfterEach
    void close() {
        gate.close();
    }

    private static LoginGate.Attempt attempt(String id, String address, boolean open) {
        return new LoginGate.Attempt(DeviceProtocol.MQTT, id, ("secret-" + id).getBytes(StandardCharsets.UTF_8), address,
                address.substring(0, address.lastIndexOf('.')) + ".0/24", true, () -> open);
    }

    private LoginRefusal refusalNow(LoginGate.Attempt a) {
        var f = gate.check(a);
        return f.isDone() ? f.join().result().refusal() : null;
    }

    @Test
    void moreConcurrentLoginsFromOneAddressThanTheCapAreQuotaExceededAtOnce() {
        assertThat(refusalNow(attempt("dev-1", "10.0.0.1", true))).isNull();
        assertThat(refusalNow(attempt("dev-2", "10.0.0.1", true))).isNull();
        assertThat(refusalNow(attempt("dev-3", "10.0.0.1", true))).isEqualTo(LoginRefusal.QUOTA_EXCEEDED);
        // Another address is not affected.
        assertThat(refusalNow(attempt("dev-4", "10.0.1.1", true))).isNull();
    }

    @Test
    void aFullQueueIsAnsweredServerBusyAtOnce() {
        List<LoginRefusal> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(refusalNow(attempt("dev-" + i, "10.0." + i + ".1", true)));
        }
        assertThat(answers.subList(0, 4)).containsOnlyNulls();
        assertThat(answers.subList(4, 6)).containsOnly(LoginRefusal.SERVER_BUSY);
    }

    @Test
    void aThrottledPrefixGetsOneCheckAtATimeAndARecentCredentialBypassesIt() {
        for (int i = 0; i < 3; i++) {
            limiter.failed("other-" + i, "10.9.9.0/24");
        }
        assertThat(limiter.throttled("anyone", "10.9.9.0/24")).isTrue();
        assertThat(refusalNow(attempt("dev-a", "10.9.9.7", true))).as("the probe slot").isNull();
        assertThat(refusalNow(attempt("dev-b", "10.9.9.8", true))).isEqualTo(LoginRefusal.CONNECTION_RATE_EXCEEDED);
        recent.remember("dev-c", ("secret-dev-c").getBytes(StandardCharsets.UTF_8), "$hs256$x$y");
        assertThat(refusalNow(attempt("dev-c", "10.9.9.9", true))).as("recent credential first").isNull();
    }

    @Test
    void aClosedSocketIsNeverChecked() {
        gate.close();
        gate = gate(1);
        var result = gate.check(attempt("dev-z", "10.0.0.9", false)).join().result();
        assertThat(result.accepted()).isFalse();
        assertThat(result.detail()).contains("socket closed before the check");
        assertThat(limiter.throttled("dev-z", "10.0.0.0/24")).isFalse();
    }
}
