package care.anxin.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Past days of an elder's vitals for the trend pages, without episodes: heart rate and SpO2 every
 * minute, steps every ten minutes, blood pressure and temperature every half hour. A pure function
 * of (seed, elder, time range); cheaper than stepping the live model because nothing else happens.
 */
public final class HistoryGenerator {

    /** One reading at its own time. */
    public record TimedReading(Instant time, String code, double value) {
    }

    private HistoryGenerator() {
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Readings in [from, to), in time order. */
    public static List<TimedReading> history(long seed, ElderProfile elder, Instant from, Instant to) {
        SplittableRandom random = new SplittableRandom(seed * 131 + elder.index() * 104_729L + 3);
        ElderProfile.Baseline base = elder.baseline();
        List<TimedReading> out = new ArrayList<>((int) Duration.between(from, to).toMinutes() * 2 + 64);
        Instant t = from.truncatedTo(ChronoUnit.MINUTES);
        int walkingMinutesLeft = 0;
        double drift = 0;
        double steps = 0;
        while (t.isBefore(to)) {
            double hour = ElderModel.hourOfDay(t);
            boolean asleep = hour < base.wakeHour() || hour >= base.sleepHour();
            if (walkingMinutesLeft > 0) {
                walkingMinutesLeft--;
            } else if (!asleep) {
                double perHour = (hour >= 7 && hour < 9) || (hour >= 15 && hour < 17.5) ? 0.9 : 0.15;
                if (random.nextDouble() < perHour * base.activity() / 60.0) {
                    walkingMinutesLeft = 8 + random.nextInt(35);
                }
            }
            drift = drift * 0.98 + random.nextGaussian() * 0.3;
            Physiology.Activity activity = new Physiology.Activity(asleep, walkingMinutesLeft > 0, hour);
            Physiology.EpisodeState calm = Physiology.EpisodeState.NONE;
            // History is a calm week: kept inside every care plan's normal band, so replaying it raises no alerts.
            out.add(new TimedReading(t, "HR", clamp(Physiology.heartRate(base, activity, calm, drift, random.nextGaussian()), 55, 100)));
            out.add(new TimedReading(t, "SPO2", clamp(Physiology.spo2(base, activity, calm, random.nextGaussian()), 93, 100)));
            steps += Physiology.steps(base, activity, 1, random.nextGaussian());
            long minuteOfDay = t.getEpochSecond() / 60;
            if (minuteOfDay % 10 == 0) {
                out.add(new TimedReading(t, "STEPS", Math.round(steps)));
                steps = 0;
            }
            if (minuteOfDay % 30 == 0) {
                out.add(new TimedReading(t, "SBP", clamp(Physiology.systolic(base, activity, calm, random.nextGaussian()), 100, 150)));
                out.add(new TimedReading(t, "DBP", clamp(Physiology.diastolic(base, activity, calm, random.nextGaussian()), 55, 92)));
                out.add(new TimedReading(t, "TEMP", clamp(Physiology.temperature(base, activity, calm, random.nextGaussian()), 35.8, 37.3)));
                out.add(new TimedReading(t, "RR", clamp(Physiology.respiratoryRate(base, activity, calm, random.nextGaussian()), 12, 22)));
            }
            t = t.plus(Duration.ofMinutes(1));
        }
        return out;
    }
}
