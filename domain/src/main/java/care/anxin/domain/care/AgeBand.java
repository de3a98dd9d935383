package care.anxin.domain.care;

import care.anxin.domain.vital.VitalSign;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Default alert thresholds by age band, used until a doctor sets an elder's own care plan.
 *
 * <p>Sources (adult cut-offs, adjusted for older people where the literature says so):
 * <ul>
 *   <li>HR: resting 50-100 /min is normal in older adults; NEWS2 (Royal College of Physicians 2017) scores
 *       &le;40 and &ge;131 as 3 and 111-130 as 2. Alert at &ge;110 (a walk should not page anyone) and
 *       critically at &lt;40 or &ge;130; 85+ one step earlier (lower maximal heart rate, 220 - age).</li>
 *   <li>SpO2: BTS oxygen guideline 2017 target 94-98 %; &lt;94 low, &lt;90 critical (NEWS2 &le;91 scores 3).</li>
 *   <li>SBP/DBP: Chinese guideline for hypertension in the elderly (2019) and 2018 Chinese hypertension
 *       guideline: grade 2 &ge;160/100, &ge;180/110 severe (hypertensive urgency); targets are relaxed for
 *       the very old (&lt;150/90 at &ge;80), so 85+ alerts high at 170. SBP &lt;90 is hypotension (NEWS2
 *       scores &le;90 as 3); from 75 orthostatic hypotension and falls make 95/100 the low line.</li>
 *   <li>TEMP: China's fever line is axillary &ge;37.3 &deg;C; &ge;38.5 &deg;C is high fever; older people
 *       mount blunted fevers, so for 85+ the IDSA long-term-care definition (repeated &gt;37.2 &deg;C,
 *       High et al., Clin Infect Dis 2009) is used. &lt;35 &deg;C is hypothermia; &lt;35.5 is low.</li>
 *   <li>RR: normal 12-20 /min; NEWS2 scores &le;8 and &ge;25 as 3, 21-24 as 2, 9-11 as 1.</li>
 *   <li>GLU: ADA Standards of Care (Older adults): hypoglycaemia level 1 &lt;3.9, level 2 &lt;3.0 mmol/L;
 *       random &ge;11.1 mmol/L is hyperglycaemia; &ge;16.7 mmol/L (300 mg/dL) is the Chinese diabetes
 *       society's hyperglycaemic-crisis line. For 85+ (usually "complex/poor health" in the ADA grouping)
 *       targets are relaxed to 5.6-13.9 and hypoglycaemia is flagged from 4.4.</li>
 *   <li>STEPS has no thresholds: inactivity is judged over hours, see {@code inactivityHours}.</li>
 * </ul>
 * These are conservative defaults for a monitoring service, not a diagnosis; a doctor's plan overrides them.
 */
public enum AgeBand {
    /** Under 75 (the platform serves elders from 60; anyone younger gets this band too). */
    AGE_60_74(0, 74,
            Threshold.of(40, 50, 110, 130), Threshold.of(80, 90, 160, 180), Threshold.of(35.0, 35.5, 37.3, 38.5),
            Threshold.of(3.0, 3.9, 11.1, 16.7), 4, 60),
    AGE_75_84(75, 84,
            Threshold.of(40, 50, 110, 130), Threshold.of(85, 95, 160, 180), Threshold.of(35.0, 35.5, 37.3, 38.5),
            Threshold.of(3.0, 3.9, 11.1, 16.7), 4, 60),
    AGE_85_PLUS(85, Integer.MAX_VALUE,
            Threshold.of(40, 50, 105, 125), Threshold.of(85, 100, 170, 180), Threshold.of(35.0, 35.5, 37.2, 38.5),
            Threshold.of(3.0, 4.4, 13.9, 16.7), 3, 60);


    private final int fromAge;
    private final int toAge;
    private final Map<VitalSign, Threshold> thresholds;
    private final int inactivityHours;
    private final int noDataMinutes;

    AgeBand(int fromAge, int toAge, Threshold hr, Threshold sbp, Threshold temp, Threshold glu,
            int inactivityHours, int noDataMinutes) {
        this.fromAge = fromAge;
        this.toAge = toAge;
        EnumMap<VitalSign, Threshold> map = new EnumMap<>(VitalSign.class);
        map.put(VitalSign.HR, hr);
        map.put(VitalSign.SPO2, new Threshold(90.0, 94.0, null, null));
        map.put(VitalSign.SBP, sbp);
        map.put(VitalSign.DBP, Threshold.of(40, 50, 100, 110));
        map.put(VitalSign.TEMP, temp);
        map.put(VitalSign.RR, Threshold.of(9, 12, 21, 25));
        map.put(VitalSign.GLU, glu);
        this.thresholds = Collections.unmodifiableMap(map);
        this.inactivityHours = inactivityHours;
        this.noDataMinutes = noDataMinutes;
    }

    public static AgeBand of(int age) {
        for (AgeBand band : values()) {
            if (age <= band.toAge) {
                return band;
            }
        }
        return AGE_85_PLUS;
    }

    public int fromAge() {
        return fromAge;
    }

    public Map<VitalSign, Threshold> thresholds() {
        return thresholds;
    }

    public int inactivityHours() {
        return inactivityHours;
    }

    public int noDataMinutes() {
        return noDataMinutes;
    }

    public CarePlan carePlan() {
        return new CarePlan(thresholds, inactivityHours, noDataMinutes);
    }
}
