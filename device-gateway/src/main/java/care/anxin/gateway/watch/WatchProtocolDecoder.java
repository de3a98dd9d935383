package care.anxin.gateway.watch;

import care.anxin.domain.event.RadioScan;
import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.vital.VitalSign;
import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.EventType;
import care.anxin.domain.wire.LocationMessage;
import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.Problem;
import care.anxin.domain.wire.RadioFixMessage;
import care.anxin.domain.wire.Reading;
import care.anxin.domain.wire.StatusMessage;
import care.anxin.domain.wire.UplinkMessage;
import care.anxin.domain.wire.VitalsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The "3G watch" protocol (docs/protocol-watch.md): turns one frame into the domain's uplink
 * messages and names the reply the protocol expects. Pure and stateless; never throws — a frame
 * it cannot read becomes a rejected part (kept in {@code rejected_message}) or an unknown type.
 */
public final class WatchProtocolDecoder {

    /** Position reports; every type starting with {@code AL} is an alarm with the same fields. */
    static final Set<String> POSITION_TYPES = Set.of("UD", "UD2", "UD_LTE", "UD_WCDMA", "WT");
    /** The watch's answers to platform commands (WatchCommands). */
    static final Set<String> COMMAND_ANSWERS = Set.of("CR", "MESSAGE", "UPLOAD");
    private static final int POSITION_FIELDS = 16;
    /** An unknown type is echoed (the polite answer) only if it cannot break the reply's framing. */
    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern ECHOABLE = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("ddMMuuHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Alarm bits of the status field and the events they raise (AL frames only). */
    private static final int[][] ALARM_BITS = {{16}, {17}, {18}, {20}, {21, 22}};
    private static final EventType[] ALARM_EVENTS = {EventType.SOS, EventType.LOW_BATTERY, EventType.GEOFENCE_EXIT,
            EventType.WEAR_OFF, EventType.FALL};

    public WatchUplink decode(WatchFrame frame, Instant receivedAt) {
        String type = frame.type();
        if (type.equals("LK")) {
            return WatchUplink.of(List.of(status(frame, "LK", receivedAt, frame.fields().size() >= 3
                    ? battery(frame.fields().get(2)) : null)), "LK");
        }
        boolean alarm = type.startsWith("AL");
        if (alarm || POSITION_TYPES.contains(type)) {
            return position(frame, type, alarm, receivedAt);
        }
        return switch (type) {
            case "bphrt" -> vitals(frame, receivedAt, VitalSign.SBP, VitalSign.DBP, VitalSign.HR);
            case "heart" -> vitals(frame, receivedAt, VitalSign.HR);
            case "oxygen" -> vitals(frame, receivedAt, VitalSign.SPO2);
            case "btemp2" -> temperature(frame, receivedAt);
            case "TK" -> WatchUplink.of(List.of(), "TK,1");
            default -> COMMAND_ANSWERS.contains(type) ? new WatchUplink(List.of(), null, type, null, false)
                    : new WatchUplink(List.of(), ECHOABLE.matcher(type).matches() ? type : null, null, null, true);
        };
    }

    private WatchUplink position(WatchFrame frame, String type, boolean alarm, Instant receivedAt) {
        String reply = alarm ? "AL" : null;
        List<String> f = frame.fields();
        if (f.size() < POSITION_FIELDS) {
            return refused(frame, MessageKind.LOCATION, reply, "frame", "a position report has at least "
                    + POSITION_FIELDS + " fields, got " + f.size());
        }
        Instant time;
        try {
            time = LocalDateTime.parse(f.get(0) + f.get(1), DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return refused(frame, MessageKind.LOCATION, reply, "date", "not a ddMMyy,HHmmss date: " + f.get(0) + "," + f.get(1));
        }
        long status;
        try {
            status = Long.parseLong(f.get(15), 16);
        } catch (NumberFormatException e) {
            return refused(frame, MessageKind.LOCATION, reply, "status", "not a hex bit field: " + f.get(15));
        }
        boolean valid = "A".equals(f.get(2));
        GeoPoint point = null;
        if (valid) {
            Double lat = decimal(f.get(3));
            Double lon = decimal(f.get(5));
            if (lat == null || !(Math.abs(lat) <= 90) || !f.get(4).matches("[NS]")) {
                return refused(frame, MessageKind.LOCATION, reply, "latitude", "not a latitude: " + f.get(3) + "," + f.get(4));
            }
            if (lon == null || !(Math.abs(lon) <= 180) || !f.get(6).matches("[EW]?")) {
                return refused(frame, MessageKind.LOCATION, reply, "longitude", "not a longitude: " + f.get(5) + "," + f.get(6));
            }
            point = new GeoPoint("S".equals(f.get(4)) ? -Math.abs(lat) : lat, "W".equals(f.get(6)) ? -Math.abs(lon) : lon);
        }
        Integer battery = battery(f.get(12));
        String msgId = type + "-" + f.get(0) + f.get(1);
        String text = frame.text();
        List<WatchUplink.Part> parts = new ArrayList<>();
        if (alarm) {
            for (int i = 0; i < ALARM_EVENTS.length; i++) {
                if (anyBit(status, ALARM_BITS[i])) {
                    EventType event = ALARM_EVENTS[i];
                    parts.add(part(new EventMessage(msgId + "-" + event.name(), time, event, point, null, battery, null,
                            null), event.name() + "|" + text));
                }
            }
        }
        String fix = null;
        if (point != null) {
            parts.add(part(new LocationMessage(msgId + "-loc", time, point, null, LocationMessage.DEFAULT_SOURCE),
                    "loc|" + text));
        } else {
            RadioScan scan = radioScan(f);
            if (scan != null) {
                fix = scan.source();
                parts.add(part(new RadioFixMessage(msgId + "-radio", time, scan), "radio|" + text));
            } else {
                fix = "none";
            }
        }
        parts.add(part(new StatusMessage(msgId, time, battery, null, null, null, null, null), text));
        return new WatchUplink(parts, reply, null, fix, false);
    }

    /**
     * The cells ({@code count, timing advance, MCC, MNC, then LAC, cell id, signal per cell}) and
     * Wi-Fi access points ({@code count, then name, MAC, signal each}) after the status field;
     * null when the report holds neither. Entries that do not read as numbers are left out.
     */
    static RadioScan radioScan(List<String> f) {
        Integer count = integer(field(f, 16));
        int n = count == null ? 0 : Math.max(0, Math.min(count, 64));
        List<RadioScan.Cell> cells = new ArrayList<>();
        int next = 18;
        Integer mcc = null;
        Integer mnc = null;
        if (n > 0) {
            mcc = integer(field(f, next));
            mnc = integer(field(f, next + 1));
            next += 2;
            for (int i = 0; i < n; i++, next += 3) {
                Long lac = whole(field(f, next));
                Long cid = whole(field(f, next + 1));
                if (lac != null && cid != null) {
                    cells.add(new RadioScan.Cell(lac, cid, integer(field(f, next + 2))));
                }
            }
        }
        Integer wifiCount = integer(field(f, next));
        List<RadioScan.AccessPoint> wifi = new ArrayList<>();
        next++;
        for (int i = 0; wifiCount != null && i < Math.min(wifiCount, 64); i++, next += 3) {
            String mac = field(f, next + 1);
            if (MAC.matcher(mac).matches()) {
                wifi.add(new RadioScan.AccessPoint(mac.toLowerCase(java.util.Locale.ROOT), integer(field(f, next + 2))));
            }
        }
        return cells.isEmpty() && wifi.isEmpty() ? null : new RadioScan(mcc, mnc, cells, wifi);
    }

    private static String field(List<String> f, int i) {
        return i < f.size() ? f.get(i) : "";
    }

    private WatchUplink vitals(WatchFrame frame, Instant receivedAt, VitalSign... signs) {
        List<String> f = frame.fields();
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < signs.length && i < f.size(); i++) {
            if (f.get(i).isBlank()) {
                continue;
            }
            Double value = decimal(f.get(i));
            if (value == null || !signs[i].plausible(value)) {
                return refused(frame, MessageKind.VITALS, frame.type(), signs[i].name(), "not a plausible "
                        + signs[i].nameEn() + " (" + signs[i].plausibleMin() + ".." + signs[i].plausibleMax() + "): " + f.get(i));
            }
            readings.add(new Reading(signs[i], value, receivedAt));
        }
        return vitalsOf(frame, receivedAt, readings);
    }

    private WatchUplink temperature(WatchFrame frame, Instant receivedAt) {
        List<String> f = frame.fields();
        if (f.size() < 2 || !"1".equals(f.get(0))) {
            return WatchUplink.of(List.of(), frame.type());
        }
        Double value = decimal(f.get(1));
        if (value == null || !VitalSign.TEMP.plausible(value)) {
            return refused(frame, MessageKind.VITALS, frame.type(), "TEMP", "not a plausible body temperature: " + f.get(1));
        }
        return vitalsOf(frame, receivedAt, List.of(new Reading(VitalSign.TEMP, value, receivedAt)));
    }

    /**
     * These frames carry no time: readings are placed at the receive time, and the de-duplication
     * key uses the receive minute, so a resend after a reconnect within that minute is stored once.
     */
    private WatchUplink vitalsOf(WatchFrame frame, Instant receivedAt, List<Reading> readings) {
        if (readings.isEmpty()) {
            return WatchUplink.of(List.of(), frame.type());
        }
        Instant minute = receivedAt.truncatedTo(ChronoUnit.MINUTES);
        return WatchUplink.of(List.of(part(new VitalsMessage(frame.type(), minute, readings), frame.text())), frame.type());
    }

    private static WatchUplink.Part status(WatchFrame frame, String msgId, Instant receivedAt, Integer battery) {
        return part(new StatusMessage(msgId, receivedAt, battery, null, null, null, null, null), frame.text());
    }

    private static WatchUplink refused(WatchFrame frame, MessageKind kind, String reply, String field, String reason) {
        return WatchUplink.of(List.of(new WatchUplink.Part(kind,
                new DecodeResult.Rejected(List.of(new Problem(field, reason))), frame.content())), reply);
    }

    private static WatchUplink.Part part(UplinkMessage message, String keyText) {
        return new WatchUplink.Part(message.kind(), new DecodeResult.Accepted(message),
                keyText.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean anyBit(long status, int[] bits) {
        for (int bit : bits) {
            if ((status >>> bit & 1) == 1) {
                return true;
            }
        }
        return false;
    }

    /** Battery percent; anything outside 0..100 is not a battery level and is left out. */
    private static Integer battery(String s) {
        Integer pct = integer(s);
        return pct != null && pct >= 0 && pct <= 100 ? pct : null;
    }

    private static Long whole(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
