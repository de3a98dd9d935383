package care.anxin.gateway.session;

import care.anxin.domain.wire.DeviceCommand;

/**
 * What a device protocol (MQTT, and later the 3G-watch TCP protocol) does for the shared parts of
 * the gateway: send a downlink command in its own framing and end the connection with a reason it
 * can express. Called on the session's event loop.
 */
public interface DeviceLink {

    /** Protocol name for logs and presence ("mqtt3", "mqtt5", ...). */
    String protocol();

    /**
     * Writes (without flushing) the command; the protocol's acknowledgement later reaches the
     * dispatcher. False when this protocol cannot express the command (it is then marked FAILED).
     */
    boolean sendCommand(long commandId, DeviceCommand command);

    /** Whether the command is written on this connection and not yet acknowledged. */
    boolean commandInFlight(long commandId);

    void flush();

    /** Ends the connection, telling the device why where the protocol allows it. */
    void end(SessionEnd why);
}
