package care.anxin.simulator.scenario;

/**
 * Vital signs of one elder at one moment: personal baseline, day/night rhythm, activity, the
 * current episode and sensor noise. Pure arithmetic; the randomness comes in as arguments.
 */
final class Physiology {

    /** An episode in progress and how far it has developed (0..1). */
    record EpisodeState(Happening episode, double intensity) {
        static final EpisodeState NONE = new EpisodeState(null, 0);

        double of(Happening kind) {
            return episode == kind ? intensity : 0;
        }
    }

    /** What the body is doing: asleep, walking, the hour of day for the circadian curve. */
    record Activity(boolean asleep, boolean walking, double hourOfDay) {
    }

    private Physiology() {
    }

    static double heartRate(ElderProfile.Baseline base, Activity activity, EpisodeState episode, double drift, double noise) {
        double hr = base.hr() + drift;
        if (activity.asleep()) {
            hr -= 6;
        } else if (activity.walking()) {
            hr += 18 * (0.6 + 0.4 * base.activity());
        }
        hr += 68 * episode.of(Happening.TACHYCARDIA) + 16 * episode.of(Happening.FEVER) + 14 * episode.of(Happening.HYPOXIA);
        return clamp(Math.round(hr + noise * 2.0), 30, 220);
    }

    static double spo2(ElderProfile.Baseline base, Activity activity, EpisodeState episode, double noise) {
        double s = base.spo2() - (activity.asleep() ? 0.8 : 0) - 10 * episode.of(Happening.HYPOXIA) + noise * 0.7;
        return clamp(Math.round(s), 70, 100);
    }

    static double systolic(ElderProfile.Baseline base, Activity activity, EpisodeState episode, double noise) {
        double s = base.sbp() + morningSurge(activity.hourOfDay()) * 10 - (activity.asleep() ? 12 : 0)
                + (activity.walking() ? 10 : 0) + 42 * episode.of(Happening.HYPERTENSION) + noise * 5;
        return clamp(Math.round(s), 70, 240);
    }

    static double diastolic(ElderProfile.Baseline base, Activity activity, EpisodeState episode, double noise) {
        double d = base.dbp() + morningSurge(activity.hourOfDay()) * 5 - (activity.asleep() ? 8 : 0)
                + 20 * episode.of(Happening.HYPERTENSION) + noise * 3.5;
        return clamp(Math.round(d), 40, 140);
    }

    static double temperature(ElderProfile.Baseline base, Activity activity, EpisodeState episode, double noise) {
        // Core temperature peaks in the late afternoon and bottoms out before dawn.
        double circadian = 0.25 * Math.cos((activity.hourOfDay() - 17) / 24 * 2 * Math.PI);
        double t = base.temp() + circadian + 2.0 * episode.of(Happening.FEVER) + noise * 0.1;
        return clamp(Math.round(t * 10) / 10.0, 34, 42);
    }

    static double respiratoryRate(ElderProfile.Baseline base, Activity activity, EpisodeState episode, double noise) {
        double r = base.rr() - (activity.asleep() ? 2 : 0) + (activity.walking() ? 3 : 0)
                + 7 * episode.of(Happening.HYPOXIA) + 4 * episode.of(Happening.FEVER) + noise;
        return clamp(Math.round(r), 8, 40);
    }

    /** Steps over {@code minutes}: walking cadence, pottering about while awake, none asleep. */
    static double steps(ElderProfile.Baseline base, Activity activity, double minutes, double noise) {
        if (activity.asleep()) {
            return 0;
        }
        double perMinute = activity.walking() ? 55 + 45 * base.activity() : 6 * base.activity();
        return Math.max(0, Math.round(minutes * perMinute * (1 + 0.25 * noise)));
    }

    /** 0..1 bump between 6 and 10 in the morning (blood pressure rises after waking). */
    private static double morningSurge(double hour) {
        return hour >= 6 && hour < 10 ? Math.sin((hour - 6) / 4 * Math.PI) : 0;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
