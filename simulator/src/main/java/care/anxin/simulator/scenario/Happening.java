package care.anxin.simulator.scenario;

/** Something that can happen to a simulated elder, at random or from a scenario's script. */
public enum Happening {
    /** The elder presses the handset's one-key emergency button. */
    SOS,
    /** The wristband detects a fall and nobody cancels it. */
    FALL,
    /** A fall the elder cancels ("I am OK") within the cancel window. */
    FALL_CANCELLED,
    TACHYCARDIA,
    HYPOXIA,
    FEVER,
    HYPERTENSION,
    /** The elder walks out of the home zone (dementia) and is brought back later. */
    WANDER,
    /** A device loses its connection (no coverage, flat battery) and reconnects later. */
    OFFLINE,
    /** The wristband is taken off for a while. */
    WEAR_OFF,
    /** The wristband battery runs low (the elder forgot to charge it). */
    LOW_BATTERY,
    /** The elder travels to another city for a while (travel mode on the platform). */
    TRAVEL
}
