package care.anxin.alert.incident;

import care.anxin.domain.incident.IncidentKind;
import java.util.EnumMap;
import java.util.Map;

/** Titles (Chinese, the console's default language; the kind code lets the console localise) and handset texts. */
public final class IncidentTexts {

    private static final Map<IncidentKind, String> LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(IncidentKind.SOS, "紧急呼叫"),
            Map.entry(IncidentKind.FALL, "跌倒"),
            Map.entry(IncidentKind.EARLY_WARNING, "早期预警评分升高"),
            Map.entry(IncidentKind.DEVICE_OFFLINE, "设备离线"),
            Map.entry(IncidentKind.NO_DATA, "设备未佩戴或无数据"),
            Map.entry(IncidentKind.INACTIVITY, "日间长时间未活动"),
            Map.entry(IncidentKind.GEOFENCE_EXIT, "离开安全区域"),
            Map.entry(IncidentKind.LOW_BATTERY, "设备电量低"),
            Map.entry(IncidentKind.NOTIFICATION_FAILED, "通知发送失败"),
            Map.entry(IncidentKind.CALL_SOS, "电话求助"),
            Map.entry(IncidentKind.CALL_HEALTH, "电话反映健康问题"),
            Map.entry(IncidentKind.CALL_SERVICE, "服务请求")));

    private IncidentTexts() {
    }

    public static String label(IncidentKind kind) {
        return kind.vitalSign().map(sign -> "生命体征异常 " + sign.code()).orElseGet(() -> LABELS.getOrDefault(kind, kind.name()));
    }

    public static String title(IncidentKind kind, String elderName) {
        return label(kind) + " · " + elderName;
    }

    /**
     * The first ALERT_ACK, at receipt: the call arrived and the care center is being contacted. It
     * promises nothing a person has not confirmed yet (no "staff are on the way").
     */
    public static HandsetText received(IncidentKind kind) {
        if (kind == IncidentKind.FALL) {
            return new HandsetText("检测到您可能跌倒，正在联系社区工作人员，请保持电话畅通。",
                    "A possible fall was detected. We are contacting your care center; please keep your phone on.");
        }
        return new HandsetText("已收到您的紧急呼叫，正在联系社区工作人员，请保持电话畅通。",
                "Your emergency call was received. We are contacting your care center; please keep your phone on.");
    }

    /** The second ALERT_ACK, when a person acknowledged the incident: names the center. */
    public static HandsetText acknowledged(String centerName) {
        return new HandsetText(centerName + "已确认，工作人员正在赶来。",
                centerName + " has confirmed your call. Staff are on the way.");
    }

    public record HandsetText(String text, String textEn) {
    }
}
