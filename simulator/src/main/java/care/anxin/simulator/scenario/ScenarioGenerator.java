package care.anxin.simulator.scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole community stepped tick by tick from a start instant. {@link #advanceTo(Instant)}
 * returns what every device does up to that instant; it depends only on the scenario (seed
 * included), the start instant and the run tag, never on wall-clock time or thread timing, so
 * the same inputs give the same actions whether they are replayed live or in a test.
 */
public final class ScenarioGenerator {

    private final Scenario scenario;
    private final List<ElderModel> elders = new ArrayList<>();
    private final List<ScriptedHappening> script;
    private final Instant start;
    private Instant now;
    private int nextScripted;

    /**
     * @param runTag short tag that prefixes every message id of this run, so ids stay unique per
     *               device across restarts (e.g. the start time in base 36)
     */
    public ScenarioGenerator(Scenario scenario, Instant start, String runTag) {
        this.scenario = scenario.withDefaults();
        this.start = start;
        this.now = start;
        LocalDate today = LocalDate.ofInstant(start, ElderModel.CHINA);
        for (ElderProfile profile : ProfileFactory.community(this.scenario, today)) {
            elders.add(new ElderModel(profile, this.scenario, start, runTag));
        }
        this.script = this.scenario.script().stream()
                .sorted(Comparator.comparingInt(ScriptedHappening::atSec)).toList();
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<ElderProfile> profiles() {
        return elders.stream().map(ElderModel::profile).toList();
    }

    public Instant now() {
        return now;
    }

    /** Steps every elder up to {@code until} (whole ticks only) and returns the actions in time order. */
    public synchronized List<SimAction> advanceTo(Instant until) {
        List<SimAction> out = new ArrayList<>();
        long tickMillis = scenario.tickSeconds() * 1000L;
        double dtSec = scenario.tickSeconds();
        while (!now.plusMillis(tickMillis).isAfter(until)) {
            now = now.plusMillis(tickMillis);
            long offsetSec = (now.toEpochMilli() - start.toEpochMilli()) / 1000;
            while (nextScripted < script.size() && script.get(nextScripted).atSec() <= offsetSec) {
                ScriptedHappening scripted = script.get(nextScripted++);
                if (!elders.isEmpty()) {
                    elders.get(Math.floorMod(scripted.elder(), elders.size())).trigger(scripted.happening(), now, out);
                }
            }
            for (ElderModel elder : elders) {
                elder.step(now, dtSec, out);
            }
        }
        return out;
    }

    /** A fresh fix from an elder's handset at the simulation's current time (the answer to LOCATE). */
    public synchronized List<SimAction> locate(int elderIndex) {
        for (ElderModel elder : elders) {
            if (elder.profile().index() == elderIndex) {
                return elder.locateNow(now);
            }
        }
        return List.of();
    }
}
