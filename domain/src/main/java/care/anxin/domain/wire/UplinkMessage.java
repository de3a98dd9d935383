package care.anxin.domain.wire;

import java.time.Instant;

/** A decoded device uplink. {@code msgId} is the device-made de-duplication key. */
public sealed interface UplinkMessage permits VitalsMessage, LocationMessage, RadioFixMessage, EventMessage, StatusMessage {
    String msgId();

    /** The device's {@code ts}, as sent (see {@link DeviceClock} for correcting it). */
    Instant deviceTime();

    MessageKind kind();
}
