package care.anxin.simulator.load;

/** How one simulated device logs in: device id (also client id and user name) and its secret. */
public record DeviceCredential(String deviceId, String secret) {
}
