package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.helpcenter.HandsetCommands.SentCommand;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Commands to an elder's handset from the elder card; 202: queued, delivery follows. */
@RestController
public class HandsetController {

    private final HandsetMessaging messaging;

    public HandsetController(HandsetMessaging messaging) {
        this.messaging = messaging;
    }

    @PostMapping("/api/v1/elders/{id}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public SentCommand message(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                               @Valid @RequestBody HelpCenterRequests.Message body) {
        return messaging.message(me, id, body);
    }

    @PostMapping("/api/v1/elders/{id}/locate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public SentCommand locate(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        return messaging.locate(me, id);
    }

    @PostMapping("/api/v1/elders/{id}/config")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public SentCommand config(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                              @Valid @RequestBody HelpCenterRequests.Config body) {
        return messaging.config(me, id, body);
    }

    @GetMapping("/api/v1/elders/{id}/commands")
    public List<SentCommand> commands(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        return messaging.recent(me, id);
    }
}
