package care.anxin.domain.care;

/** Where a reading falls against an elder's thresholds. */
public enum Classification {
    NORMAL,
    LOW,
    HIGH,
    CRITICAL_LOW,
    CRITICAL_HIGH;

    public boolean abnormal() {
        return this != NORMAL;
    }

    public boolean critical() {
        return this == CRITICAL_LOW || this == CRITICAL_HIGH;
    }
}
