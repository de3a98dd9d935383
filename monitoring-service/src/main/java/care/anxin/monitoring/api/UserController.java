package care.anxin.monitoring.api;

import care.anxin.monitoring.api.paging.PageParams;
import care.anxin.monitoring.api.paging.PagedResponses;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.console.UserSummary;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users the viewer may see, e.g. for the assign picker. */
@RestController
public class UserController {

    private final UserAccountRepository users;

    public UserController(UserAccountRepository users) {
        this.users = users;
    }

    @GetMapping("/api/v1/users")
    public ResponseEntity<List<UserSummary>> users(@AuthenticationPrincipal AnxinPrincipal me,
                                                   @RequestParam(required = false) Long organizationId,
                                                   PageParams page) {
        return PagedResponses.of(users.list(me.scope(), organizationId, page.limit(), page.cursor()));
    }
}
