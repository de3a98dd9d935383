package care.anxin.gateway;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Protocol-conformant JSON payloads for tests. */
public final class Payloads {

    private Payloads() {
    }

    public static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString();
    }

    public static byte[] vitals(String msgId, double hr) {
        return ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + now() + "\",\"readings\":[{\"code\":\"HR\",\"value\":" + hr
                + "},{\"code\":\"SPO2\",\"value\":97},{\"code\":\"SBP\",\"value\":128},{\"code\":\"DBP\",\"value\":82}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] event(String msgId, String type) {
        return ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + now() + "\",\"type\":\"" + type
                + "\",\"lat\":31.2305,\"lon\":121.4736,\"battery\":64}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] status(String msgId, int battery) {
        return ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + now() + "\",\"battery\":" + battery
                + ",\"worn\":true,\"firmware\":\"2.4.1\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static String topic(String deviceId, String kind) {
        return "anxin/v1/" + deviceId + "/up/" + kind;
    }
}
