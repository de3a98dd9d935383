package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.security.AnxinPrincipal;
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

/** Operators send responders to the door and follow their progress. */
@RestController
public class DispatchController {

    private final Dispatching dispatching;

    public DispatchController(Dispatching dispatching) {
        this.dispatching = dispatching;
    }

    @PostMapping("/api/v1/alerts/{id}/dispatch")
    @ResponseStatus(HttpStatus.CREATED)
    public Dispatching.DispatchView dispatch(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                             @Valid @RequestBody HelpCenterRequests.Dispatch body) {
        return dispatching.dispatch(me, id, body);
    }

    @GetMapping("/api/v1/alerts/{id}/dispatches")
    public List<Dispatching.DispatchView> dispatches(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        return dispatching.forAlert(me, id);
    }

    @GetMapping("/api/v1/responders")
    public List<Dispatching.Responder> responders(@AuthenticationPrincipal AnxinPrincipal me) {
        return dispatching.responders(me);
    }
}
