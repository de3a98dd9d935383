package care.anxin.simulator.scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The past week's incidents of the community as the care center handled them, so the
 * response-performance page, elder timelines and trend marks have something to show on a first
 * visit. A pure function of (seed, elders, days, now, staff): SOS presses and falls acknowledged
 * mostly within the 60 s target (a few later, which escalates to family SMS), resolved minutes
 * later with an outcome and a note; a dementia elder brought home; exactly one fall the elder
 * cancelled, and exactly one incident whose duty-desk webhook died (plus the NOTIFICATION_FAILED
 * incident the alert service raises for it).
 */
public final class IncidentHistoryGenerator {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    /** How an incident went; times in seconds after {@code openedAt}. */
    public record PastIncident(int elderIndex, DeviceRole device, String kind, String severity, Instant openedAt,
                               int ackSeconds, int resolveSeconds, String staff, String outcome, String note,
                               boolean cancelledByElder, boolean webhookDied) {

        public boolean escalated() {
            return !cancelledByElder && ackSeconds > 60;
        }

        public Instant acknowledgedAt() {
            return openedAt.plusSeconds(ackSeconds);
        }

        public Instant resolvedAt() {
            return openedAt.plusSeconds(resolveSeconds);
        }
    }

    private IncidentHistoryGenerator() {
    }

    /** Incidents of the {@code days} days before today and of today until two hours ago (local time), oldest first. */
    public static List<PastIncident> history(long seed, List<ElderProfile> elders, int days, Instant now, List<String> staff) {
        if (elders.isEmpty() || staff.isEmpty() || days <= 0) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + 17);
        LocalDate today = now.atZone(LOCAL).toLocalDate();
        int cancelledDay = Math.min(2, days);
        int failedDay = Math.min(3, days);
        List<PastIncident> out = new ArrayList<>();
        int n = 0;
        for (int d = days; d >= 0; d--) {
            Instant dayStart = today.minusDays(d).atStartOfDay(LOCAL).toInstant();
            // Past days: between 07:00 and 21:00 local time. Today: before two hours ago (everything
            // closed by now), so the response-performance page's default "today" has data too.
            long from = d > 0 ? 7 * 3600 : 0;
            long window = d > 0 ? 14 * 3600 : now.getEpochSecond() - 2 * 3600 - dayStart.getEpochSecond();
            if (window < 1800) {
                continue;
            }
            int count = d > 0 ? 2 + random.nextInt(3) : 1 + random.nextInt(2);
            for (int i = 0; i < count; i++, n++) {
                Instant opened = dayStart.plusSeconds(from + random.nextLong(window));
                ElderProfile elder = elders.get(random.nextInt(elders.size()));
                String who = staff.get(random.nextInt(staff.size()));
                boolean late = n % 5 == 3;
                int ack = late ? 75 + random.nextInt(170) : 12 + random.nextInt(44);
                int resolve = ack + 60 * (8 + random.nextInt(38));
                if (d == cancelledDay && i == 0) {
                    out.add(new PastIncident(elder.index(), DeviceRole.WRISTBAND, "FALL", "CRITICAL", opened, 0,
                            8 + random.nextInt(12), null, null, null, true, false));
                    continue;
                }
                boolean webhookDied = d == failedDay && i == (failedDay == cancelledDay ? 1 : 0);
                out.add(kindOf(elder, random, opened, ack, resolve, who, webhookDied));
                if (webhookDied) {
                    // The dispatcher gives up after its retries (~1 min) and raises an incident of its own.
                    Instant raised = opened.plusSeconds(75);
                    out.add(new PastIncident(elder.index(), null, "NOTIFICATION_FAILED", "HIGH", raised, 40 + random.nextInt(60),
                            60 * (20 + random.nextInt(30)), who, "OTHER", "值班台网络故障，已电话通知值班人员并报修", false, false));
                }
            }
        }
        out.sort(Comparator.comparing(PastIncident::openedAt));
        return List.copyOf(out);
    }

    private static PastIncident kindOf(ElderProfile elder, SplittableRandom random, Instant opened, int ack, int resolve,
                                       String staff, boolean webhookDied) {
        double pick = random.nextDouble();
        if (elder.dementia() && pick < 0.3) {
            return new PastIncident(elder.index(), DeviceRole.HANDSET, "GEOFENCE_EXIT", "HIGH", opened, ack, resolve, staff,
                    "HELP_PROVIDED", "在小区门口找到老人，已陪同回家并告知家属", false, webhookDied);
        }
        if (pick < 0.6) {
            boolean mistake = random.nextDouble() < 0.3;
            return new PastIncident(elder.index(), DeviceRole.HANDSET, "SOS", "CRITICAL", opened, ack, resolve, staff,
                    mistake ? "FALSE_ALARM" : "HELP_PROVIDED",
                    mistake ? "误按，电话回访确认老人平安" : "上门查看，老人头晕乏力，已协助服药休息并通知家属", false, webhookDied);
        }
        boolean hospital = random.nextDouble() < 0.35;
        return new PastIncident(elder.index(), DeviceRole.WRISTBAND, "FALL", "CRITICAL", opened, ack,
                hospital ? resolve + 1800 : resolve, staff, hospital ? "HOSPITALIZED" : "HELP_PROVIDED",
                hospital ? "跌倒后髋部疼痛，120送区中心医院，家属已到" : "在卫生间滑倒，无明显外伤，已扶起并检查", false, webhookDied);
    }
}
