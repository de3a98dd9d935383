package care.anxin.monitoring.clinical;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.DoctorChannels;
import care.anxin.store.clinical.DoctorChannels.DoctorChannel;
import care.anxin.store.console.Role;
import care.anxin.store.webhook.WebhookTargetGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A doctor's optional channel for early warnings of their contracted elders: SMS to a phone
 * number or a webhook URL. The alert service's DOCTORS escalation target reads it.
 */
@RestController
public class DoctorChannelController {

    public record ChannelBody(@NotBlank @Pattern(regexp = "SMS|WEBHOOK", message = "must be SMS or WEBHOOK") String channel,
                              @NotBlank @Size(max = 500) String address, boolean enabled) {
    }

    private final DoctorChannels channels;
    private final AuditTrail audit;
    private final WebhookTargetGuard guard;

    public DoctorChannelController(DoctorChannels channels, AuditTrail audit, WebhookTargetGuard guard) {
        this.channels = channels;
        this.audit = audit;
        this.guard = guard;
    }

    @GetMapping("/api/v1/me/alert-channel")
    public ResponseEntity<DoctorChannel> get(@AuthenticationPrincipal AnxinPrincipal me) {
        Optional<DoctorChannel> channel = channels.find(doctor(me));
        return channel.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PutMapping("/api/v1/me/alert-channel")
    public DoctorChannel put(@AuthenticationPrincipal AnxinPrincipal me, @Valid @RequestBody ChannelBody body) {
        long doctorId = doctor(me);
        String address = body.address().trim();
        if (body.channel().equals("SMS") && !address.matches("\\+?[0-9 -]{5,20}")) {
            throw new BadRequestException("address", "must be a phone number");
        }
        if (body.channel().equals("WEBHOOK")) {
            // The same rule as partner webhooks: public https targets only (no internal addresses).
            guard.refusal(address).ifPresent(reason -> {
                throw new BadRequestException("address", reason);
            });
        }
        DoctorChannel saved = channels.save(new DoctorChannel(doctorId, body.channel(), address, body.enabled()));
        audit.record(me, "DOCTOR_CHANNEL_SET", "app_user", doctorId, Map.of("channel", body.channel(),
                "enabled", body.enabled()));
        return saved;
    }

    @DeleteMapping("/api/v1/me/alert-channel")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal AnxinPrincipal me) {
        long doctorId = doctor(me);
        channels.delete(doctorId);
        audit.record(me, "DOCTOR_CHANNEL_DELETE", "app_user", doctorId, Map.of());
        return ResponseEntity.noContent().build();
    }

    private static long doctor(AnxinPrincipal me) {
        if (me.role() != Role.DOCTOR || me.apiKeyId() != null) {
            throw new AccessDeniedException("Only a logged-in doctor has an alert channel");
        }
        return me.userId();
    }
}
