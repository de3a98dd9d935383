package care.anxin.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A happening at a fixed offset after the start of a run, for one elder (index into the
 * community, 0-based; taken modulo the community size).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScriptedHappening(int atSec, int elder, Happening happening) {
}
