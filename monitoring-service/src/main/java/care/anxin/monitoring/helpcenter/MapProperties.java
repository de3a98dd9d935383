package care.anxin.monitoring.helpcenter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's map (prefix {@code anxin.monitoring.map}). Positions are stored in WGS-84; Chinese
 * tile providers (AMap, Tencent) draw in GCJ-02, so the page shifts markers when {@code coordinates}
 * says so.
 *
 * @param tileUrl     Leaflet tile URL template ({z}/{x}/{y}, optional {s})
 * @param attribution attribution shown in the corner (HTML allowed by Leaflet; keep it plain text)
 * @param coordinates WGS84 or GCJ02: the datum the tiles are drawn in
 * @param subdomains  values of {s} in the template
 * @param centerLat   where the map opens when there is nothing to show
 * @param centerLon   where the map opens when there is nothing to show
 */
@ConfigurationProperties("anxin.monitoring.map")
public record MapProperties(
        @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") String tileUrl,
        @DefaultValue("© OpenStreetMap contributors") String attribution,
        @DefaultValue("WGS84") Datum coordinates,
        @DefaultValue("abc") String subdomains,
        @DefaultValue("31.2304") double centerLat,
        @DefaultValue("121.4737") double centerLon) {

    public enum Datum { WGS84, GCJ02 }

    /**
     * The tiles' origin for the Content-Security-Policy img-src ({@code {s}} subdomains become a
     * wildcard), e.g. {@code https://*.tile.example.com}.
     */
    public String tileSource() {
        Matcher m = ORIGIN.matcher(tileUrl.replace("{s}", "*"));
        return m.find() && !m.group(1).contains("{") ? m.group(1) : "https:";
    }

    private static final Pattern ORIGIN = Pattern.compile("^(https?://[^/]+)");
}
