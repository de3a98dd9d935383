package care.anxin.simulator.scenario;

import java.time.Instant;
import java.util.List;

/**
 * What a simulated device does at an instant: the generator's output, free of any transport.
 * The scenario runner turns these into MQTT publishes, disconnects and admin API calls.
 */
public sealed interface SimAction {
    Instant at();

    int elder();

    DeviceRole device();

    /** One vital-sign reading; {@code code} is a VitalSign code (HR, SPO2, ...). */
    record SimReading(String code, double value) {
    }

    record Vitals(Instant at, int elder, DeviceRole device, String msgId, List<SimReading> readings)
            implements SimAction {
    }

    record Location(Instant at, int elder, DeviceRole device, String msgId, double lat, double lon,
                    double accuracyM, String source) implements SimAction {
    }

    /** A device event; {@code type} is an EventType name (SOS, FALL, FALL_CANCELLED, ...). */
    record Event(Instant at, int elder, DeviceRole device, String msgId, String type, Double lat, Double lon,
                 Integer battery, Double confidence, String refMsgId) implements SimAction {
    }

    record Status(Instant at, int elder, DeviceRole device, String msgId, int battery, boolean worn,
                  boolean charging) implements SimAction {
    }

    /** The device loses ({@code online=false}, without a clean disconnect) or regains its connection. */
    record Connectivity(Instant at, int elder, DeviceRole device, boolean online) implements SimAction {
    }

    /** The elder leaves for another city until {@code until} ({@code city} null: back home). */
    record Travel(Instant at, int elder, DeviceRole device, City city, Instant until) implements SimAction {
    }
}
