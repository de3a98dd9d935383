package care.anxin.domain.wire;

import care.anxin.domain.geo.GeoPoint;
import java.time.Instant;
import java.util.Objects;

/** {@code up/location}: one fix; {@code source} is GPS, WIFI or LBS (GPS when the device omits it). */
public record LocationMessage(String msgId, Instant deviceTime, GeoPoint point, Double accuracyM, String source)
        implements UplinkMessage {

    public static final String DEFAULT_SOURCE = "GPS";

    public LocationMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(point, "point");
        if (source == null) {
            source = DEFAULT_SOURCE;
        }
    }

    @Override
    public MessageKind kind() {
        return MessageKind.LOCATION;
    }
}
