package care.anxin.simulator.receiver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * The signing secrets of the demo's webhook endpoints. The platform generates them and shows each
 * once, in the answer to creating (or rotating) the endpoint; provisioning keeps them in the fleet
 * file and registers them here for the receiver.
 */
@Component
public class WebhookSecrets {

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public void add(String secret) {
        if (secret != null && !secret.isBlank() && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public List<String> all() {
        return List.copyOf(secrets);
    }
}
