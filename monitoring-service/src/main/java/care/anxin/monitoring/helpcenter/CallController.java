package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ConsoleViews.AlertView;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Phone intake: {@code POST /api/v1/alerts} opens an incident for a call (201), or counts a repeat
 * call into the open incident of the same elder and kind (200).
 */
@RestController
public class CallController {

    private final PhoneCalls calls;

    public CallController(PhoneCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/api/v1/alerts")
    public ResponseEntity<AlertView> log(@AuthenticationPrincipal AnxinPrincipal me,
                                         @Valid @RequestBody HelpCenterRequests.PhoneCall body) {
        PhoneCalls.Logged logged = calls.log(me, body);
        return logged.opened()
                ? ResponseEntity.created(URI.create("/api/v1/alerts/" + logged.alert().id())).body(logged.alert())
                : ResponseEntity.ok(logged.alert());
    }
}
