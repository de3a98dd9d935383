package care.anxin.domain.geo;

/** A WGS-84 position in decimal degrees (not GCJ-02). */
public record GeoPoint(double lat, double lon) {

    /** Mean earth radius (IUGG), good to ~0.5 % for haversine distances. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat " + lat + " is outside -90..90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon " + lon + " is outside -180..180");
        }
    }

    /** Great-circle distance by the haversine formula (numerically stable for short distances). */
    public double distanceMeters(GeoPoint other) {
        double phi1 = Math.toRadians(lat);
        double phi2 = Math.toRadians(other.lat);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.lon - lon);
        double sinPhi = Math.sin(dPhi / 2);
        double sinLambda = Math.sin(dLambda / 2);
        double a = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
