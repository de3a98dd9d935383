package care.anxin.domain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class GeoFenceTest {

    private static final GeoPoint BEIJING = new GeoPoint(39.9042, 116.4074);
    private static final GeoPoint SHANGHAI = new GeoPoint(31.2304, 121.4737);

    @Test
    void knownCityDistances() {
        // published great-circle distances: Beijing-Shanghai ~1,067 km, London-Paris ~344 km, Guangzhou-Shenzhen ~104 km
        assertThat(BEIJING.distanceMeters(SHANGHAI)).isCloseTo(1_067_000, within(3_000.0));
        assertThat(new GeoPoint(51.5074, -0.1278).distanceMeters(new GeoPoint(48.8566, 2.3522)))
                .isCloseTo(343_600, within(1_500.0));
        assertThat(new GeoPoint(23.1291, 113.2644).distanceMeters(new GeoPoint(22.5431, 114.0579)))
                .isCloseTo(104_200, within(1_000.0));
        assertThat(new GeoPoint(0, 0).distanceMeters(new GeoPoint(1, 0))).isCloseTo(111_195, within(5.0));
        assertThat(new GeoPoint(0, 179.9).distanceMeters(new GeoPoint(0, -179.9))).isCloseTo(22_239, within(5.0));
    }

    @Test
    void fenceContainsItsInsideAndEdge() {
        GeoFence home = new GeoFence(SHANGHAI, 200);
        assertThat(home.contains(SHANGHAI)).isTrue();
        // 0.001 degree of latitude is ~111 m
        assertThat(home.contains(new GeoPoint(31.2314, 121.4737))).isTrue();
        assertThat(home.contains(new GeoPoint(31.2334, 121.4737))).isFalse();
        assertThat(home.metersOutside(new GeoPoint(31.2334, 121.4737))).isCloseTo(133.6, within(1.0));
        assertThat(home.metersOutside(SHANGHAI)).isZero();
    }

    @Test
    void rejectsImpossibleValues() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("lat");
        assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).hasMessageContaining("lon");
        assertThatThrownBy(() -> new GeoFence(SHANGHAI, 0)).hasMessageContaining("radiusM");
    }

    @Property(tries = 200)
    void distanceIsASymmetricMetric(@ForAll @DoubleRange(min = -90, max = 90) double lat1,
                                    @ForAll @DoubleRange(min = -180, max = 180) double lon1,
                                    @ForAll @DoubleRange(min = -90, max = 90) double lat2,
                                    @ForAll @DoubleRange(min = -180, max = 180) double lon2) {
        GeoPoint a = new GeoPoint(lat1, lon1);
        GeoPoint b = new GeoPoint(lat2, lon2);
        assertThat(a.distanceMeters(b)).isCloseTo(b.distanceMeters(a), within(1e-6))
                .isBetween(0.0, Math.PI * GeoPoint.EARTH_RADIUS_M + 1e-6);
        assertThat(a.distanceMeters(a)).isZero();
    }
}
