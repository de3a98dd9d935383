package care.anxin.domain.wire;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Outcome of decoding an uplink: the message, or every problem found. */
public sealed interface DecodeResult permits DecodeResult.Accepted, DecodeResult.Rejected {

    record Accepted(UplinkMessage message) implements DecodeResult {
        public Accepted {
            Objects.requireNonNull(message, "message");
        }
    }

    record Rejected(List<Problem> problems) implements DecodeResult {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }

        /** {@code field: reason; field: reason} — the MQTT 5 reason string / rejected_message reason. */
        public String summary() {
            return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
        }
    }
}
