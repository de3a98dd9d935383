package care.anxin.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How often things happen, per elder per simulated day (before the scenario's acceleration).
 * Wandering applies to elders with dementia only; the others apply to everybody.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScenarioRates(
        Double tachycardia,
        Double hypoxia,
        Double fever,
        Double hypertension,
        Double sos,
        Double fall,
        Double fallCancelledFraction,
        Double wander,
        Double offline,
        Double wearOff,
        Double travel,
        Double forgetCharging) {

    static final ScenarioRates DEFAULTS = new ScenarioRates(null, null, null, null, null, null, null,
            null, null, null, null, null);

    ScenarioRates withDefaults() {
        return new ScenarioRates(
                or(tachycardia, 0.15), or(hypoxia, 0.08), or(fever, 0.03), or(hypertension, 0.15),
                or(sos, 0.04), or(fall, 0.03), or(fallCancelledFraction, 0.4), or(wander, 0.3),
                or(offline, 0.5), or(wearOff, 0.3), or(travel, 0.005), or(forgetCharging, 0.15));
    }

    private static Double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
