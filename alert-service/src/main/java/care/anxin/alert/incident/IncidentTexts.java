package care.anxin.alert.incident;

import java.util.Map;

/** Titles (Chinese, the console's default language; the kind code lets the console localise) and handset texts. */
public final class IncidentTexts {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("SOS", "紧急呼叫"),
            Map.entry("FALL", "跌倒"),
            Map.entry("EARLY_WARNING", "早期预警评分升高"),
            Map.entry("DEVICE_OFFLINE", "设备离线"),
            Map.entry("NO_DATA", "设备未佩戴或无数据"),
            Map.entry("INACTIVITY", "日间长时间未活动"),
            Map.entry("GEOFENCE_EXIT", "离开安全区域"),
            Map.entry("LOW_BATTERY", "设备电量低"),
            Map.entry("NOTIFICATION_FAILED", "通知发送失败"));

    private IncidentTexts() {
    }

    public static String label(String kind) {
        if (kind.startsWith("VITAL_")) {
            return "生命体征异常 " + kind.substring("VITAL_".length());
        }
        return LABELS.getOrDefault(kind, kind);
    }

    public static String title(String kind, String elderName) {
        return label(kind) + " · " + elderName;
    }

    /** The ALERT_ACK text the handset shows and speaks, Chinese and English. */
    public static HandsetText handsetText(String kind) {
        if ("FALL".equals(kind)) {
            return new HandsetText("检测到您可能跌倒，已通知社区工作人员，请保持电话畅通。",
                    "A possible fall was detected. Your care center has been told and help is on the way.");
        }
        return new HandsetText("已收到您的紧急呼叫，社区工作人员正在赶来，请保持电话畅通。",
                "Your emergency call was received. Help from your care center is on the way.");
    }

    public record HandsetText(String text, String textEn) {
    }
}
