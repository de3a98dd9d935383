package care.anxin.domain.incident;

import care.anxin.domain.vital.VitalSign;
import java.util.Optional;

/**
 * What an incident is about. {@code VITAL_<code>} kinds exist for every vital sign of the catalogue
 * (a test keeps them in step with {@link VitalSign}).
 */
public enum IncidentKind {
    SOS, FALL, EARLY_WARNING, DEVICE_OFFLINE, NO_DATA, INACTIVITY, GEOFENCE_EXIT, LOW_BATTERY, NOTIFICATION_FAILED,
    VITAL_HR, VITAL_SPO2, VITAL_SBP, VITAL_DBP, VITAL_TEMP, VITAL_RR, VITAL_STEPS, VITAL_GLU,
    /** Opened by hand from a phone call to the help center (store.incident.PhoneIntake). */
    CALL_SOS, CALL_HEALTH, CALL_SERVICE;

    private static final String VITAL_PREFIX = "VITAL_";

    /** SOS and FALL (and an emergency phoned in): a person must act; only care roles may close them. */
    public boolean urgent() {
        return this == SOS || this == FALL || this == CALL_SOS;
    }

    public boolean vital() {
        return name().startsWith(VITAL_PREFIX);
    }

    /** The vital sign of a VITAL_ kind, empty otherwise. */
    public Optional<VitalSign> vitalSign() {
        return vital() ? Optional.of(VitalSign.valueOf(name().substring(VITAL_PREFIX.length()))) : Optional.empty();
    }

    public static IncidentKind vital(VitalSign sign) {
        return valueOf(VITAL_PREFIX + sign.name());
    }

    /** Empty for a kind this version does not know; never throws. */
    public static Optional<IncidentKind> fromName(String name) {
        for (IncidentKind kind : VALUES) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static final IncidentKind[] VALUES = values();
}
