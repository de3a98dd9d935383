package care.anxin.domain.event;

import java.util.List;

/**
 * What a device without a GPS fix heard instead: mobile cells (MCC/MNC, LAC, cell id, signal) and
 * Wi-Fi access points (MAC, signal). Stored as reported in {@code radio_fix.scan}; no coordinates
 * are derived from it here. Wi-Fi network names are not kept (they often name a household).
 */
public record RadioScan(Integer mcc, Integer mnc, List<Cell> cells, List<AccessPoint> wifi) implements QueuedJson {

    public RadioScan {
        cells = cells == null ? List.of() : List.copyOf(cells);
        wifi = wifi == null ? List.of() : List.copyOf(wifi);
    }

    /** @param signal as the device reports it (dBm or a 0-100 level, vendor-specific); null when absent */
    public record Cell(long lac, long cid, Integer signal) {
    }

    public record AccessPoint(String mac, Integer signal) {
    }

    /** WIFI when access points were heard, else LBS (cells only). */
    public String source() {
        return wifi.isEmpty() ? "LBS" : "WIFI";
    }
}
