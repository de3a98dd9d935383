package care.anxin.store.ingest;

import care.anxin.domain.vital.VitalSign;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The value columns of {@code vital_sample}: one per {@link VitalSign}, named after its code in lower case. */
public final class VitalSampleColumns {

    private static final List<String> ALL = Arrays.stream(VitalSign.values()).map(VitalSampleColumns::of).toList();

    private VitalSampleColumns() {
    }

    public static String of(VitalSign sign) {
        return sign.code().toLowerCase(Locale.ROOT);
    }

    /** Every value column, in {@link VitalSign} order. */
    public static List<String> all() {
        return ALL;
    }
}
