package care.anxin.domain.geo;

import java.util.Objects;

/** A circular safe zone (an elder's home or travel area). */
public record GeoFence(GeoPoint center, double radiusM) {

    public GeoFence {
        Objects.requireNonNull(center, "center");
        if (!(radiusM > 0) || Double.isInfinite(radiusM)) {
            throw new IllegalArgumentException("radiusM must be a positive number of metres, got " + radiusM);
        }
    }

    /** True when {@code point} lies inside the fence or on its edge. */
    public boolean contains(GeoPoint point) {
        return center.distanceMeters(point) <= radiusM;
    }

    /** How far outside the fence the point is (0 when inside). */
    public double metersOutside(GeoPoint point) {
        return Math.max(0, center.distanceMeters(point) - radiusM);
    }
}
