package care.anxin.monitoring.api;

import care.anxin.monitoring.security.AnxinPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MeController {

    @GetMapping("/api/v1/me")
    public MeView me(@AuthenticationPrincipal AnxinPrincipal me) {
        return MeView.of(me);
    }
}
