package care.anxin.simulator.scenario;

/** The two devices every simulated elder carries, with the platform's device kind and id prefix. */
public enum DeviceRole {
    /** One-key emergency handset (一键通): SOS button, GPS. */
    HANDSET("HS"),
    /** Wristband: heart rate, SpO2, blood pressure, temperature, steps, fall detection. */
    WRISTBAND("WB");

    private final String prefix;

    DeviceRole(String prefix) {
        this.prefix = prefix;
    }

    /** Device id of this role for an elder of a community, e.g. {@code WB-SH01-0007}. */
    public String deviceId(String fleetTag, int elderIndex) {
        return prefix + "-" + fleetTag + "-" + String.format("%04d", elderIndex + 1);
    }
}
