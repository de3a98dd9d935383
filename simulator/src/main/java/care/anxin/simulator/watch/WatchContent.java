package care.anxin.simulator.watch;

import care.anxin.domain.watch.WatchFrame;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The contents of the frames a watch sends (docs/protocol-watch.md): heartbeat, positions and
 * alarms, health readings, and the text-message payload the platform sends back. Pure formatting.
 */
public final class WatchContent {

    /** Manufacturer prefix the simulated watches use. */
    public static final String MAKER = "3G";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMyy").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    /** China's mobile country code and China Mobile's network code, for the cell towers of LBS fixes. */
    public static final int MCC = 460;
    public static final int MNC = 0;

    /** A cell tower heard by the watch. */
    public record Cell(int lac, int cellId, int rssi) {
    }

    /** A Wi-Fi access point heard by the watch. */
    public record Wifi(String name, String mac, int rssi) {
    }

    /**
     * Where the watch is: a GPS fix ({@code gps}) with coordinates, or an LBS/Wi-Fi-only report
     * whose coordinates are absent (the frame carries zeros and the {@code V} flag; the platform
     * must not treat them as a place).
     */
    public record Fix(boolean gps, double lat, double lon, double speedKmh, double course, int altitudeM, int satellites,
                      List<Cell> cells, List<Wifi> wifis) {

        /** A GPS fix; a watch reports the cell it is camped on too. */
        public static Fix gps(double lat, double lon, double speedKmh, double course, int altitudeM, int satellites, Cell servingCell) {
            return new Fix(true, lat, lon, speedKmh, course, altitudeM, satellites, List.of(servingCell), List.of());
        }

        public static Fix towers(List<Cell> cells, List<Wifi> wifis) {
            return new Fix(false, 0, 0, 0, 0, 0, 0, List.copyOf(cells), List.copyOf(wifis));
        }
    }

    private WatchContent() {
    }

    /** {@code LK,steps,rolls,battery}: the heartbeat (and the first frame of every connection). */
    public static String heartbeat(int steps, int rolls, int battery) {
        return "LK," + steps + "," + rolls + "," + battery;
    }

    /**
     * A position report ({@code UD}, {@code UD2}) or alarm ({@code AL}) at {@code at}: date and time
     * in UTC, validity, hemispheres, speed km/h, course, altitude, satellites, GSM signal, battery,
     * steps, rolls, the status bits, then the cell towers (count, timing advance, MCC, MNC, then
     * area/cell/signal per tower) and the Wi-Fi access points (count, then name/MAC/signal each).
     */
    public static String position(String type, Instant at, Fix fix, int gsmSignal, int battery, int steps, int statusBits) {
        StringBuilder s = new StringBuilder(160).append(type).append(',')
                .append(DATE.format(at)).append(',').append(TIME.format(at)).append(',')
                .append(fix.gps() ? 'A' : 'V').append(',')
                .append(String.format(Locale.ROOT, "%.6f", Math.abs(fix.lat()))).append(',').append(fix.lat() < 0 ? 'S' : 'N').append(',')
                .append(String.format(Locale.ROOT, "%.6f", Math.abs(fix.lon()))).append(',').append(fix.lon() < 0 ? 'W' : 'E').append(',')
                .append(String.format(Locale.ROOT, "%.2f", fix.speedKmh())).append(',')
                .append(String.format(Locale.ROOT, "%.1f", fix.course())).append(',')
                .append(fix.altitudeM()).append(".0,").append(fix.satellites()).append(',')
                .append(gsmSignal).append(',').append(battery).append(',').append(steps).append(",0,")
                .append(WatchStatus.hex(statusBits)).append(',').append(fix.cells().size());
        if (!fix.cells().isEmpty()) {
            // Timing advance: 1 with a GPS fix, 255 (unknown) in an LBS-only report, as watches send it.
            s.append(',').append(fix.gps() ? 1 : 255).append(',').append(MCC).append(',').append(MNC);
            for (Cell cell : fix.cells()) {
                s.append(',').append(cell.lac()).append(',').append(cell.cellId()).append(',').append(cell.rssi());
            }
        }
        s.append(',').append(fix.wifis().size());
        for (Wifi wifi : fix.wifis()) {
            s.append(',').append(wifi.name()).append(',').append(wifi.mac()).append(',').append(wifi.rssi());
        }
        return s.toString();
    }

    /** {@code bphrt,systolic,diastolic,heartRate,,,,}: a blood-pressure measurement with the pulse. */
    public static String bloodPressure(int systolic, int diastolic, int heartRate) {
        return "bphrt," + systolic + "," + diastolic + "," + heartRate + ",,,,"; // trailing fields unused, as watches send them
    }

    /** {@code heart,rate}. */
    public static String heartRate(int rate) {
        return "heart," + rate;
    }

    /** {@code oxygen,percent}. */
    public static String oxygen(int spo2) {
        return "oxygen," + spo2;
    }

    /** {@code btemp2,1,celsius}: a body temperature (the 1 says the measurement is valid). */
    public static String bodyTemperature(double celsius) {
        return "btemp2,1," + String.format(Locale.ROOT, "%.1f", celsius);
    }

    /** A frame of a simulated watch with this content. */
    public static WatchFrame frame(String deviceId, String content) {
        return WatchFrame.text(MAKER, deviceId, null, content);
    }
}
