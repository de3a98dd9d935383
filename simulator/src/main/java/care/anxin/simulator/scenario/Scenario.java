package care.anxin.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A reproducible run: who the elders are (from the seed), how often their devices report, how
 * often things happen to them, and a script of happenings at fixed offsets so a demo shows live
 * alerts within a minute. Loaded from YAML by {@link ScenarioLoader}; missing fields take the
 * defaults of {@link #withDefaults()}.
 *
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
        Integer backfillDays) {

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
                backfillDays == null ? 7 : backfillDays);
    }

    public Scenario withElders(int count) {
        return new Scenario(name, seed, count, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, script, backfillDays);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, script, backfillDays);
    }

    public Scenario withAcceleration(double factor) {
        return new Scenario(name, seed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, factor,
                batteryDrainPctPerHour, rates, script, backfillDays);
    }

    public Scenario withScript(List<ScriptedHappening> newScript) {
        return new Scenario(name, seed, elders, city, communityCode, tickSeconds, vitalsIntervalSec,
                bloodPressureIntervalSec, locationIntervalSec, statusIntervalSec, acceleration,
                batteryDrainPctPerHour, rates, List.copyOf(newScript), backfillDays);
    }
}
