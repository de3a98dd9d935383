package care.anxin.monitoring.helpcenter;

import care.anxin.domain.event.CommandPayload;
import care.anxin.domain.event.ContractJson;
import care.anxin.domain.wire.CommandType;
import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.ConflictException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ElderWrites;
import care.anxin.store.helpcenter.HandsetCommands;
import care.anxin.store.helpcenter.HandsetCommands.SentCommand;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Talking to the handset from the elder card: a spoken MESSAGE, a LOCATE for a fresh fix, a CONFIG
 * of reporting intervals. Each is a device_command row (queued → delivered on PUBACK → expired when
 * the device stays away past anxin.monitoring.help-center.command-ttl), and an audit row.
 */
@Service
public class HandsetMessaging {

    private final HandsetCommands commands;
    private final ElderWrites elders;
    private final AuditTrail audit;
    private final HelpCenterProperties properties;
    private final Clock clock = Clock.systemUTC();

    public HandsetMessaging(HandsetCommands commands, ElderWrites elders, AuditTrail audit,
                            HelpCenterProperties properties) {
        this.commands = commands;
        this.elders = elders;
        this.audit = audit;
        this.properties = properties;
    }

    public SentCommand message(AnxinPrincipal me, long elderId, HelpCenterRequests.Message body) {
        return send(me, elderId, CommandType.MESSAGE, new CommandPayload(null, body.text(), body.textEn(), null, null, null));
    }

    public SentCommand locate(AnxinPrincipal me, long elderId) {
        return send(me, elderId, CommandType.LOCATE, new CommandPayload(null, null, null, null, null, null));
    }

    public SentCommand config(AnxinPrincipal me, long elderId, HelpCenterRequests.Config body) {
        if (body.vitalsIntervalSec() == null && body.locationIntervalSec() == null) {
            throw new BadRequestException("vitalsIntervalSec", "Give vitalsIntervalSec, locationIntervalSec or both");
        }
        return send(me, elderId, CommandType.CONFIG,
                new CommandPayload(null, null, null, null, body.vitalsIntervalSec(), body.locationIntervalSec()));
    }

    public List<SentCommand> recent(AnxinPrincipal me, long elderId) {
        requireVisible(me, elderId);
        return commands.recent(elderId, 20);
    }

    private SentCommand send(AnxinPrincipal me, long elderId, CommandType type, CommandPayload payload) {
        requireVisible(me, elderId);
        String deviceId = commands.deviceFor(elderId)
                .orElseThrow(() -> new ConflictException("Elder " + elderId + " has no device to send to", null));
        SentCommand sent = commands.queue(deviceId, elderId, type.name(), ContractJson.write(payload), me.userId(),
                clock.instant().plus(properties.commandTtl()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("commandId", sent.id());
        detail.put("kind", type.name());
        detail.put("deviceId", deviceId);
        if (payload.text() != null) {
            detail.put("text", payload.text());
        }
        audit.record(me, "DEVICE_COMMAND", "elder", elderId, detail);
        return sent;
    }

    private void requireVisible(AnxinPrincipal me, long elderId) {
        if (!elders.visible(me.scope(), elderId)) {
            throw new NotFoundException("Elder", elderId);
        }
    }
}
