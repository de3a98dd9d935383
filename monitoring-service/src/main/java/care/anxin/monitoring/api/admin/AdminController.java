package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.api.paging.PageParams;
import care.anxin.monitoring.api.paging.PagedResponses;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ApiKeyRepository;
import care.anxin.store.console.ApiKeyRepository.ApiKeySummary;
import care.anxin.store.console.DeviceRegistry;
import care.anxin.store.console.DeviceRegistry.DeviceRow;
import care.anxin.store.console.OrganizationRepository;
import care.anxin.store.console.OrganizationRepository.OrganizationNode;
import care.anxin.store.console.ParkedEvents;
import care.anxin.store.console.ParkedEvents.ParkedEvent;
import care.anxin.store.console.PartnerSettings;
import care.anxin.store.console.PartnerSettings.ContractRow;
import care.anxin.store.console.PartnerSettings.EndpointRow;
import care.anxin.store.console.PartnerSettings.PolicyRow;
import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.console.UserSummary;
import care.anxin.store.page.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Provisioning for admins (role ADMIN, always below their own organization). */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminController {

    /** A policy as listed, with its steps as JSON. */
    public record PolicyView(long id, long organizationId, String alertKind, String name, JsonNode steps,
                             boolean enabled) {
    }

    private final AdminDirectory directory;
    private final AdminElders elders;
    private final AdminDevices devices;
    private final AdminNotifications notifications;
    private final OrganizationRepository organizations;
    private final UserAccountRepository users;
    private final DeviceRegistry deviceRegistry;
    private final PartnerSettings partners;
    private final ApiKeyRepository apiKeys;
    private final ParkedEvents parkedEvents;
    private final ObjectMapper json;

    public AdminController(AdminDirectory directory, AdminElders elders, AdminDevices devices,
                           AdminNotifications notifications, OrganizationRepository organizations,
                           UserAccountRepository users, DeviceRegistry deviceRegistry, PartnerSettings partners,
                           ApiKeyRepository apiKeys, ParkedEvents parkedEvents, ObjectMapper json) {
        this.directory = directory;
        this.elders = elders;
        this.devices = devices;
        this.notifications = notifications;
        this.organizations = organizations;
        this.users = users;
        this.deviceRegistry = deviceRegistry;
        this.partners = partners;
        this.apiKeys = apiKeys;
        this.parkedEvents = parkedEvents;
        this.json = json;
    }

    @PostMapping("/organizations")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.Created createOrganization(@AuthenticationPrincipal AnxinPrincipal me,
                                                    @Valid @RequestBody AdminRequests.NewOrganization body) {
        return new AdminRequests.Created(directory.createOrganization(me, body));
    }

    /** Non-urgent device events the alert service gave up on, with their error (docs/alerting.md). */
    @GetMapping("/parked-events")
    public ResponseEntity<List<ParkedEvent>> parkedEvents(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(parkedEvents.list(me.scope(), page.limit(), page.cursor()));
    }

    @GetMapping("/organizations")
    public ResponseEntity<List<OrganizationNode>> organizations(@AuthenticationPrincipal AnxinPrincipal me,
                                                                PageParams page) {
        return PagedResponses.of(organizations.list(me.scope(), page.limit(), page.cursor()));
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.Created createUser(@AuthenticationPrincipal AnxinPrincipal me,
                                            @Valid @RequestBody AdminRequests.NewUser body) {
        return new AdminRequests.Created(directory.createUser(me, body));
    }

    @GetMapping("/users")
    public ResponseEntity<List<UserSummary>> users(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(users.list(me.scope(), null, page.limit(), page.cursor()));
    }

    @PostMapping("/elders")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.Created createElder(@AuthenticationPrincipal AnxinPrincipal me,
                                             @Valid @RequestBody AdminRequests.ElderBody body) {
        return new AdminRequests.Created(elders.create(me, body));
    }

    @PutMapping("/elders/{id}")
    public AdminRequests.Created updateElder(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                             @Valid @RequestBody AdminRequests.ElderBody body) {
        elders.update(me, id, body);
        return new AdminRequests.Created(id);
    }

    @PutMapping("/elders/{id}/travel")
    public AdminRequests.Created setTravel(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                           @Valid @RequestBody AdminRequests.Travel body) {
        elders.setTravel(me, id, body);
        return new AdminRequests.Created(id);
    }

    @DeleteMapping("/elders/{id}/travel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void clearTravel(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        elders.clearTravel(me, id);
    }

    @PostMapping("/doctor-contracts")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.Created createContract(@AuthenticationPrincipal AnxinPrincipal me,
                                                @Valid @RequestBody AdminRequests.DoctorContract body) {
        return new AdminRequests.Created(elders.createContract(me, body));
    }

    @GetMapping("/doctor-contracts")
    public ResponseEntity<List<ContractRow>> contracts(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(partners.contracts(me.scope(), page.limit(), page.cursor()));
    }

    @PostMapping("/devices")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.CreatedWithSecret registerDevice(@AuthenticationPrincipal AnxinPrincipal me,
                                                          @Valid @RequestBody AdminRequests.NewDevice body) {
        return devices.register(me, body);
    }

    @GetMapping("/devices")
    public ResponseEntity<List<DeviceRow>> devices(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(deviceRegistry.list(me.scope(), page.limit(), page.cursor()));
    }

    @PostMapping("/devices/{id}/bind")
    public AdminRequests.DeviceRef bind(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable String id,
                                        @Valid @RequestBody AdminRequests.Bind body) {
        devices.bind(me, id, body.elderId());
        return new AdminRequests.DeviceRef(id);
    }

    @PostMapping("/devices/{id}/rotate-secret")
    public AdminRequests.CreatedWithSecret rotateSecret(@AuthenticationPrincipal AnxinPrincipal me,
                                                        @PathVariable String id) {
        return devices.rotateSecret(me, id);
    }

    @PostMapping("/devices/{id}/disable")
    public AdminRequests.DeviceRef disable(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable String id) {
        devices.setEnabled(me, id, false);
        return new AdminRequests.DeviceRef(id);
    }

    @PostMapping("/devices/{id}/enable")
    public AdminRequests.DeviceRef enable(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable String id) {
        devices.setEnabled(me, id, true);
        return new AdminRequests.DeviceRef(id);
    }

    @PostMapping("/endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.CreatedEndpoint createEndpoint(@AuthenticationPrincipal AnxinPrincipal me,
                                                        @Valid @RequestBody AdminRequests.Endpoint body) {
        return notifications.createEndpoint(me, body);
    }

    @PostMapping("/endpoints/{id}/rotate-secret")
    public AdminRequests.CreatedEndpoint rotateEndpointSecret(@AuthenticationPrincipal AnxinPrincipal me,
                                                              @PathVariable long id) {
        return notifications.rotateSecret(me, id);
    }

    @GetMapping("/endpoints")
    public ResponseEntity<List<EndpointRow>> endpoints(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(partners.endpoints(me.scope(), page.limit(), page.cursor()));
    }

    @PutMapping("/escalation-policies")
    public AdminRequests.Created savePolicy(@AuthenticationPrincipal AnxinPrincipal me,
                                            @Valid @RequestBody AdminRequests.Policy body) {
        return new AdminRequests.Created(notifications.savePolicy(me, body));
    }

    @GetMapping("/escalation-policies")
    public ResponseEntity<List<PolicyView>> policies(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        Page<PolicyRow> rows = partners.policies(me.scope(), page.limit(), page.cursor());
        return PagedResponses.of(new Page<>(rows.items().stream().map(p -> new PolicyView(p.id(), p.organizationId(),
                p.alertKind(), p.name(), parse(p.stepsJson()), p.enabled())).toList(), rows.nextCursor()));
    }

    @PostMapping("/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public AdminRequests.CreatedKey createApiKey(@AuthenticationPrincipal AnxinPrincipal me,
                                                 @Valid @RequestBody AdminRequests.NewApiKey body) {
        return directory.createApiKey(me, body);
    }

    @GetMapping("/api-keys")
    public ResponseEntity<List<ApiKeySummary>> apiKeys(@AuthenticationPrincipal AnxinPrincipal me, PageParams page) {
        return PagedResponses.of(apiKeys.list(me.scope(), page.limit(), page.cursor()));
    }

    @DeleteMapping("/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revokeApiKey(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        directory.revokeApiKey(me, id);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.nullNode();
        }
    }
}
