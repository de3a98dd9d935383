package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.ConsoleViews.AlertView;
import care.anxin.store.console.ElderWrites;
import care.anxin.store.incident.CallKind;
import care.anxin.store.incident.PhoneIntake;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Phone intake: an operator opens an incident for a call about an elder they can see. */
@Service
public class PhoneCalls {

    /** Incident titles as the alert service writes them (Chinese; the console labels by kind). */
    private static final Map<CallKind, String> TITLES = Map.of(
            CallKind.CALL_SOS, "电话求助", CallKind.CALL_HEALTH, "电话反映健康问题", CallKind.CALL_SERVICE, "服务请求");

    public record Logged(AlertView alert, boolean opened) {
    }

    private final PhoneIntake intake;
    private final ElderWrites elders;
    private final AlertQueries alerts;
    private final AuditTrail audit;
    private final HelpCenterProperties properties;

    public PhoneCalls(PhoneIntake intake, ElderWrites elders, AlertQueries alerts, AuditTrail audit,
                      HelpCenterProperties properties) {
        this.intake = intake;
        this.elders = elders;
        this.alerts = alerts;
        this.audit = audit;
        this.properties = properties;
    }

    public Logged log(AnxinPrincipal me, HelpCenterRequests.PhoneCall call) {
        if (!elders.visible(me.scope(), call.elderId())) {
            throw new NotFoundException("Elder", call.elderId());
        }
        String serviceKind = call.serviceKind();
        if (call.kind() == CallKind.CALL_SERVICE) {
            if (serviceKind == null || !properties.serviceKinds().contains(serviceKind)) {
                throw new BadRequestException("serviceKind", "A service request needs one of " + properties.serviceKinds());
            }
        } else if (serviceKind != null) {
            throw new BadRequestException("serviceKind", "Only CALL_SERVICE carries a service kind");
        }
        String severity = call.severity() != null ? call.severity() : call.kind().defaultSeverity();
        String title = TITLES.get(call.kind()) + (serviceKind != null ? "：" + serviceKind : "");
        PhoneIntake.Logged logged = intake.log(new PhoneIntake.Call(call.elderId(), call.kind(), severity, title,
                call.note(), call.callerPhone(), call.callerRelation(), serviceKind, me.userId()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("elderId", call.elderId());
        detail.put("kind", call.kind().name());
        detail.put("severity", severity);
        detail.put("opened", logged.opened());
        if (serviceKind != null) {
            detail.put("serviceKind", serviceKind);
        }
        audit.record(me, "ALERT_PHONE_INTAKE", "alert", logged.alertId(), detail);
        AlertView view = alerts.find(me.scope(), logged.alertId())
                .orElseThrow(() -> new NotFoundException("Alert", logged.alertId())).view();
        return new Logged(view, logged.opened());
    }
}
