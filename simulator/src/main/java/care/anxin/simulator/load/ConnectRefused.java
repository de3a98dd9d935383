package care.anxin.simulator.load;

/** A CONNECT answered with a CONNACK that refuses it; {@code code} is the return code's name. */
public final class ConnectRefused extends RuntimeException {

    private final String code;

    public ConnectRefused(String deviceId, String code) {
        super(deviceId + " refused: " + code, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
