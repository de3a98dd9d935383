package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.security.AnxinPrincipal;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mobile responder page's API. {@code /links/{token}} needs no login (the token from the SMS is
 * the credential, valid for that one dispatch until it is done or expires); {@code /dispatches}
 * serves logged-in RESPONDER accounts.
 */
@RestController
public class ResponderController {

    private final ResponderLinks links;

    public ResponderController(ResponderLinks links) {
        this.links = links;
    }

    @GetMapping("/api/v1/responder/links/{token}")
    public ResponderLinks.ResponderView link(@PathVariable String token) {
        return links.byToken(token);
    }

    @PostMapping("/api/v1/responder/links/{token}/progress")
    public ResponderLinks.ResponderView progress(@PathVariable String token,
                                                 @Valid @RequestBody HelpCenterRequests.Progress body) {
        return links.advanceByToken(token, body);
    }

    @GetMapping("/api/v1/responder/dispatches")
    public List<ResponderLinks.ResponderView> mine(@AuthenticationPrincipal AnxinPrincipal me) {
        return links.mine(me);
    }

    @PostMapping("/api/v1/responder/dispatches/{id}/progress")
    public ResponderLinks.ResponderView progressMine(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                                     @Valid @RequestBody HelpCenterRequests.Progress body) {
        return links.advanceMine(me, id, body);
    }
}
