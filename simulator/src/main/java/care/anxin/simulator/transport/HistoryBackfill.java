package care.anxin.simulator.transport;

import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.ElderProfile;
import care.anxin.simulator.scenario.HistoryGenerator;
import care.anxin.simulator.scenario.HistoryGenerator.TimedReading;
import care.anxin.simulator.scenario.SimAction.SimReading;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes past days of per-minute vitals over MQTT so the trend pages have data at once:
 * 32 readings per message (each with its own time), newest day first so the 24-hour view fills
 * within seconds, paced under the gateway's per-device rate limit (20 msg/s) and spread over both
 * devices of each elder.
 */
public final class HistoryBackfill {

    private static final Logger log = LoggerFactory.getLogger(HistoryBackfill.class);
    private static final int READINGS_PER_MESSAGE = 32;
    /** Messages per second per device: half the gateway's default limit (20/s, burst 40), live traffic comes on top. */
    private static final int MESSAGES_PER_SECOND = 10;

    private HistoryBackfill() {
    }

    /**
     * @param link device link by (role, elder index)
     * @return messages published
     */
    public static long run(long seed, List<ElderProfile> elders, int days, Instant now,
                           UplinkEncoder encoder, BiFunction<DeviceRole, Integer, DeviceLink> link) throws InterruptedException {
        long started = System.nanoTime();
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant today = end.truncatedTo(ChronoUnit.DAYS);
        long published = 0;
        // Today so far, then `days` whole UTC days before it. A day's messages (ids, readings, ts)
        // depend only on (seed, elder, day), so a backfill interrupted and run again re-sends the
        // same bytes, which the gateway's de-duplication stores once (today's last batch may differ).
        for (int day = 0; day <= days; day++) {
            Instant from = today.minus(Duration.ofDays(day));
            Instant to = day == 0 ? end : from.plus(Duration.ofDays(1));
            long epochDay = from.getEpochSecond() / 86_400;
            Map<DeviceLink, ArrayDeque<UplinkEncoder.Uplink>> queues = new LinkedHashMap<>();
            for (ElderProfile elder : elders) {
                List<TimedReading> readings = HistoryGenerator.history(seed, elder, from, to);
                int batches = 0;
                for (int i = 0; i < readings.size(); i += READINGS_PER_MESSAGE) {
                    List<TimedReading> slice = readings.subList(i, Math.min(readings.size(), i + READINGS_PER_MESSAGE));
                    List<SimReading> values = new ArrayList<>(slice.size());
                    List<Instant> times = new ArrayList<>(slice.size());
                    for (TimedReading r : slice) {
                        values.add(new SimReading(r.code(), r.value()));
                        times.add(r.time());
                    }
                    DeviceLink device = link.apply(batches++ % 2 == 0 ? DeviceRole.WRISTBAND : DeviceRole.HANDSET, elder.index());
                    queues.computeIfAbsent(device, d -> new ArrayDeque<>())
                            .add(encoder.batch(device.deviceId(), "bf-" + elder.index() + "-" + epochDay + "-" + batches, values, times));
                }
            }
            // One message per device per round, MESSAGES_PER_SECOND rounds a second.
            long roundNanos = 1_000_000_000L / MESSAGES_PER_SECOND;
            long next = System.nanoTime();
            boolean any = true;
            while (any) {
                any = false;
                for (Map.Entry<DeviceLink, ArrayDeque<UplinkEncoder.Uplink>> entry : queues.entrySet()) {
                    if (entry.getValue().isEmpty()) {
                        continue;
                    }
                    any = true;
                    if (entry.getKey().connected()) { // an offline device keeps its history for later
                        entry.getKey().publish(entry.getValue().poll());
                        published++;
                    }
                }
                // Never catch up in a burst after a stall (a busy machine): bursts trip the rate limit.
                next = Math.max(next + roundNanos, System.nanoTime());
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            log.info("Backfill: day -{} published ({} messages so far)", day, published);
        }
        log.info("Backfill of {} days x {} elders done: {} messages in {} s", days, elders.size(), published,
                (System.nanoTime() - started) / 1_000_000_000L);
        return published;
    }
}
