package care.anxin.simulator.receiver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the demo's medical partner and SMS gateway received (most recent 500), for logs and tests. */
@Component
public class ReceivedNotifications {

    public record Received(Instant at, String channel, boolean signatureValid, String body) {
    }

    private final List<Received> received = new ArrayList<>();
    private long webhooks;
    private long sms;
    private long rejected;

    synchronized void add(Received item) {
        if (item.channel().equals("WEBHOOK")) {
            webhooks++;
        } else {
            sms++;
        }
        if (!item.signatureValid()) {
            rejected++;
        }
        received.add(item);
        if (received.size() > 500) {
            received.remove(0);
        }
    }

    public synchronized List<Received> recent() {
        return List.copyOf(received);
    }

    public synchronized long webhooks() {
        return webhooks;
    }

    public synchronized long sms() {
        return sms;
    }

    public synchronized long rejected() {
        return rejected;
    }
}
