package care.anxin.simulator.scenario;

/** Chronic conditions of the simulated elders, as a care center writes them down. */
public final class Conditions {
    public static final String HYPERTENSION = "高血压";
    public static final String DIABETES = "糖尿病";
    public static final String CORONARY = "冠心病";
    public static final String DEMENTIA = "阿尔茨海默病";
    public static final String COPD = "慢性阻塞性肺疾病";
    public static final String OSTEOPOROSIS = "骨质疏松";
    public static final String ARRHYTHMIA = "心律失常";

    private Conditions() {
    }
}
