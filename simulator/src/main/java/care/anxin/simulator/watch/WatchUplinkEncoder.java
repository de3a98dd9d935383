package care.anxin.simulator.watch;

import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.SimAction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the generator's actions for an elder who wears a protocol watch into watch frame contents:
 * the watch stands in for both the handset (positions, SOS, answers to LOCATE) and the wristband
 * (vitals, heartbeat, battery, falls, taken off). It remembers what a watch remembers between
 * frames: the day's step count, the last heart rate (bphrt carries one), the battery and the
 * last place. Readings the protocol cannot carry (respiratory rate) and happenings it has no
 * frame for (a cancelled fall, the handset's own battery) are left out.
 */
public final class WatchUplinkEncoder {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What one watch remembers. Guarded by itself. */
    private static final class Memory {
        LocalDate day;
        int stepsToday;
        int lastHeartRate = 72;
        int battery = 80;
        double lat = Double.NaN;
        double lon = Double.NaN;
        long fixes;
    }

    private final Map<String, Memory> memories = new ConcurrentHashMap<>();

    /** The frame contents for an action, in sending order (empty: nothing on the wire). */
    public List<String> encode(String deviceId, SimAction action) {
        Memory m = memories.computeIfAbsent(deviceId, k -> new Memory());
        synchronized (m) {
            rollDay(m, action.at());
            List<String> out = new ArrayList<>(2);
            if (action instanceof SimAction.Vitals v) {
                vitals(m, v, out);
            } else if (action instanceof SimAction.Location l) {
                m.lat = l.lat();
                m.lon = l.lon();
                out.add(WatchContent.position("UD", l.at(), fix(deviceId, m, l), signal(m), m.battery, m.stepsToday, 0));
            } else if (action instanceof SimAction.Event e) {
                event(m, e, out);
            } else if (action instanceof SimAction.Status s && s.device() == DeviceRole.WRISTBAND) {
                m.battery = s.battery();
                out.add(WatchContent.heartbeat(m.stepsToday, 0, m.battery));
            }
            return out;
        }
    }

    /** The heartbeat a watch sends when it (re)connects. */
    public String heartbeat(String deviceId) {
        Memory m = memories.computeIfAbsent(deviceId, k -> new Memory());
        synchronized (m) {
            rollDay(m, Instant.now());
            return WatchContent.heartbeat(m.stepsToday, 0, m.battery);
        }
    }

    private static void vitals(Memory m, SimAction.Vitals v, List<String> out) {
        Double sbp = null;
        Double dbp = null;
        for (SimAction.SimReading r : v.readings()) {
            switch (r.code()) {
                case "HR" -> {
                    m.lastHeartRate = (int) Math.round(r.value());
                    out.add(WatchContent.heartRate(m.lastHeartRate));
                }
                case "SPO2" -> out.add(WatchContent.oxygen((int) Math.round(r.value())));
                case "STEPS" -> m.stepsToday += (int) Math.round(r.value());
                case "SBP" -> sbp = r.value();
                case "DBP" -> dbp = r.value();
                case "TEMP" -> out.add(WatchContent.bodyTemperature(r.value()));
                default -> { } // RR: a watch does not measure breathing
            }
        }
        if (sbp != null && dbp != null) {
            out.add(0, WatchContent.bloodPressure((int) Math.round(sbp), (int) Math.round(dbp), m.lastHeartRate));
        }
    }

    private static void event(Memory m, SimAction.Event e, List<String> out) {
        if (e.battery() != null && e.device() == DeviceRole.WRISTBAND) {
            m.battery = e.battery();
        }
        int bits = switch (e.type()) {
            case "SOS" -> WatchStatus.SOS;
            case "FALL" -> WatchStatus.FALL;
            case "WEAR_OFF" -> WatchStatus.REMOVED;
            case "LOW_BATTERY" -> e.device() == DeviceRole.WRISTBAND ? WatchStatus.LOW_BATTERY : 0;
            default -> 0; // FALL_CANCELLED, POWER_OFF: the protocol has no frame for them
        };
        if (bits == 0) {
            return;
        }
        if (e.lat() != null) {
            m.lat = e.lat();
            m.lon = e.lon();
        }
        WatchContent.Fix fix = Double.isNaN(m.lat)
                ? WatchContent.Fix.towers(cells(e.elder()), List.of())
                : WatchContent.Fix.gps(m.lat, m.lon, 0, 0, 12, 7, cells(e.elder()).get(0));
        out.add(WatchContent.position("AL", e.at(), fix, signal(m), m.battery, m.stepsToday, bits));
    }

    /**
     * Mostly GPS fixes; indoors (the generator says WIFI) every fourth report is Wi-Fi-only and
     * every fourth after that LBS-only (cell towers), as a watch without a sky view sends them.
     */
    private static WatchContent.Fix fix(String deviceId, Memory m, SimAction.Location l) {
        long n = m.fixes++;
        if ("WIFI".equals(l.source()) && n % 4 == 1) {
            int h = Math.abs(deviceId.hashCode());
            return WatchContent.Fix.towers(cells(l.elder()).subList(0, 1), List.of(
                    new WatchContent.Wifi("ChinaNet-" + Integer.toHexString(h % 0xFFFF), mac(h), -48),
                    new WatchContent.Wifi("TP-LINK_" + Integer.toHexString(h % 0xFFF), mac(h + 1), -63)));
        }
        if ("WIFI".equals(l.source()) && n % 4 == 3) {
            return WatchContent.Fix.towers(cells(l.elder()), List.of());
        }
        double speed = "GPS".equals(l.source()) ? 2.9 : 0;
        return WatchContent.Fix.gps(l.lat(), l.lon(), speed, (n * 37) % 360, 12, 4 + (int) (n % 6), cells(l.elder()).get(0));
    }

    private static List<WatchContent.Cell> cells(int elder) {
        int lac = 6_200 + elder % 40;
        return List.of(new WatchContent.Cell(lac, 130_000 + elder * 7, -65),
                new WatchContent.Cell(lac, 130_001 + elder * 7, -78),
                new WatchContent.Cell(lac + 1, 131_000 + elder * 3, -86));
    }

    private static String mac(int h) {
        return String.format("a4:56:02:%02x:%02x:%02x", (h >> 16) & 0xFF, (h >> 8) & 0xFF, h & 0xFF);
    }

    private static int signal(Memory m) {
        return 60 + m.battery % 40;
    }

    private static void rollDay(Memory m, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, CHINA);
        if (!today.equals(m.day)) {
            m.day = today;
            m.stepsToday = 0;
        }
    }
}
