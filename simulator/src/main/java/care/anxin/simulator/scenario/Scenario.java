package care.anxin.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A reproducible run: who the elders are (from the seed), how often their devices report, how
 * often things happen to them, and a script of happenings at fixed offsets so a demo shows live
 * alerts within a minute. Loaded from YAML by {@link ScenarioLoader}; missing fields take the
 * defaults of {@link #withDefaults()}.
 *
 * @param watchShare   fraction of the elders (0-1) who wear a "3G" protocol watch (TCP, docs/protocol-watch.md)
 *                     instead of an MQTT handset and wristband; default 0
 * @param acceleration multiplies every rate in {@code rates} (time compression for demos); device
 *                     timestamps stay real wall-clock time so the platform sees honest clocks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scenario(
        String name,
        Long seed,
        Integer elders,
        String city,
        String communityCode,
        Integer tickSeconds,
        Integer vitalsIntervalSec,
        Integer bloodPressureIntervalSec,
        Integer locationIntervalSec,
        Integer statusIntervalSec,
        Double acceleration,
        Double batteryDrainPctPerHour,
        ScenarioRates rates,
        List<ScriptedHappening> script,
        Integer backfillDays,
        Double watchShare) {

    public Scenario withDefaults() {
        return new Scenario(
                name == null ? "default" : name,
                seed == null ? 20261123L : seed,
                elders == null ? 40 : elders,
                city == null ? "shanghai" : city,
                communityCode == null ? "SH-XH-TJ-01" : communityCode,
                tickSeconds == null ? 5 : tickSeconds,
                vitalsIntervalSec == null ? 60 : vitalsIntervalSec,
                bloodPressureIntervalSec == null ? 900 : bloodPressureIntervalSec,
                locationIntervalSec == null ? 300 : locationIntervalSec,
                statusIntervalSec == null ? 300 : statusIntervalSec,
                acceleration == null ? 1.0 : acceleration,
                batteryDrainPctPerHour == null ? 1.5 : batteryDrainPctPerHour,
                (rates == null ? ScenarioRates.DEFAULTS : rates).withDefaults(),
                script == null ? List.of() : List.copyOf(script),
                backfillDays == null ? 7 : backfillDays,
                watchShare == null ? 0.0 : Math.max(0, Math.min(1, watchShare)));
    }

    public Scenario withElders(int count) {
        return new Scenario(name, seed, count, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, script, backfillDays, watchShare);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, script, backfillDays, watchShare);
    }

    public Scenario withAcceleration(double factor) {
        return new Scenario(name, seed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, factor,
                batteryDrainPctPerHour, rates, script, backfillDays, watchShare);
    }

    /** @param share fraction of the elders who wear a protocol watch instead of a handset and a wristband */
    public Scenario withWatchShare(double share) {
        return new Scenario(name, seed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, script, backfillDays, share);
    }

    /**
     * Whether elder {@code index} wears a protocol watch: spread evenly, the first at the index
     * where the share first adds up to a whole watch (with 30 %: elders 3, 6, 9, 13, ...).
     */
    public boolean wearsWatch(int index) {
        double share = watchShare == null ? 0 : watchShare;
        return Math.floor((index + 1) * share + 1e-9) > Math.floor(index * share + 1e-9);
    }

    public Scenario withScript(List<ScriptedHappening> newScript) {
        return new Scenario(name, seed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, List.copyOf(newScript), backfillDays, watchShare);
    }
}
