package care.anxin.simulator.load;

import io.netty.channel.EventLoop;

/**
 * One connected device of a load run, whatever its protocol: {@link LoadRun} schedules
 * {@link #tick()} on the device's event loop at the target rate (or calls {@link #saturate()}
 * once for the maximum rate) and {@link #close()} at the end. Latency goes into the run's
 * {@link LoadStats} from the moment a message was due.
 */
public interface LoadDevice {

    EventLoop eventLoop();

    /** A message is due now: send it if the window allows, else owe it (its latency still counts from now). */
    void tick();

    /** Keep the window full from now on: every acknowledgement releases the next message. */
    void saturate();

    void close();
}
