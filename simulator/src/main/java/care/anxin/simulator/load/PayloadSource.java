package care.anxin.simulator.load;

/** What a load connection publishes: the topic of a device and the payload of its n-th message. */
public interface PayloadSource {
    String topic(String deviceId);

    byte[] payload(String deviceId, long sequence);
}
