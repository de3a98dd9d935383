package care.anxin.simulator.scenario;

import java.time.LocalDate;
import java.util.List;

/**
 * One simulated elder: who they are (for provisioning) and their personal physiology baselines
 * (for the generator). Made by {@link ProfileFactory} from the scenario seed alone.
 */
public record ElderProfile(
        int index,
        String name,
        String gender,
        int age,
        LocalDate birthDate,
        String phone,
        String address,
        List<String> conditions,
        double homeLat,
        double homeLon,
        double homeRadiusM,
        List<Contact> contacts,
        Baseline baseline) {

    public record Contact(String name, String relation, String phone) {
    }

    /** Resting values while awake, and how active the elder is. */
    public record Baseline(double hr, double spo2, double sbp, double dbp, double temp, double rr,
                           double activity, double wakeHour, double sleepHour) {
    }

    public boolean has(String condition) {
        return conditions.contains(condition);
    }

    public boolean dementia() {
        return has(Conditions.DEMENTIA);
    }
}
