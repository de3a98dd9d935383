package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.api.paging.PageParams;
import care.anxin.monitoring.api.paging.PagedResponses;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ElderWrites;
import care.anxin.store.console.Role;
import care.anxin.store.helpcenter.FamilyLinks;
import care.anxin.store.helpcenter.FamilyLinks.FamilyLink;
import care.anxin.store.helpcenter.PeopleDirectory;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admins link FAMILY accounts to the elders they may follow (both must be in the admin's scope). */
@RestController
public class FamilyLinkController {

    private final FamilyLinks links;
    private final PeopleDirectory people;
    private final ElderWrites elders;
    private final AuditTrail audit;

    public FamilyLinkController(FamilyLinks links, PeopleDirectory people, ElderWrites elders, AuditTrail audit) {
        this.links = links;
        this.people = people;
        this.elders = elders;
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/family-links")
    public ResponseEntity<List<FamilyLink>> list(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(links.visible(me.scope(), page.limit(), page.cursor()));
    }

    @PostMapping("/api/v1/admin/family-links")
    public ResponseEntity<Map<String, Object>> link(@AuthenticationPrincipal AnxinPrincipal me,
                                                    @Valid @RequestBody HelpCenterRequests.FamilyLink body) {
        PeopleDirectory.Person person = people.findVisible(me.scope(), body.userId())
                .orElseThrow(() -> new NotFoundException("User", body.userId()));
        if (person.role() != Role.FAMILY) {
            throw new BadRequestException("userId", "User " + person.id() + " has role " + person.role() + ", not FAMILY");
        }
        if (!elders.visible(me.scope(), body.elderId())) {
            throw new NotFoundException("Elder", body.elderId());
        }
        boolean created = links.link(body.userId(), body.elderId(), body.relation());
        audit.record(me, "FAMILY_LINK", "elder", body.elderId(), Map.of("userId", body.userId()));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("userId", body.userId(), "elderId", body.elderId(), "created", created));
    }

    @DeleteMapping("/api/v1/admin/family-links/{userId}/{elderId}")
    public ResponseEntity<Void> unlink(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long userId,
                                       @PathVariable long elderId) {
        if (!elders.visible(me.scope(), elderId) || !links.unlink(userId, elderId)) {
            throw new NotFoundException("Family link", userId + "/" + elderId);
        }
        audit.record(me, "FAMILY_UNLINK", "elder", elderId, Map.of("userId", userId));
        return ResponseEntity.noContent().build();
    }
}
