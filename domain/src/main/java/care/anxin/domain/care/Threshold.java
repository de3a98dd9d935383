package care.anxin.domain.care;

/**
 * Alert bounds for one vital sign; any bound may be null (not checked). Bounds follow how clinical
 * cut-offs are stated ("SpO2 &lt; 94", "SBP &ge; 160"): the lower bounds are the lowest normal value
 * (value &lt; low is LOW, value &lt; criticalLow is CRITICAL_LOW) and the upper bounds are the first
 * abnormal value (value &ge; high is HIGH, value &ge; criticalHigh is CRITICAL_HIGH).
 */
public record Threshold(Double criticalLow, Double low, Double high, Double criticalHigh) {

    /** No bounds at all: everything is NORMAL. */
    public static final Threshold NONE = new Threshold(null, null, null, null);

    public Threshold {
        check("criticalLow", criticalLow);
        check("low", low);
        check("high", high);
        check("criticalHigh", criticalHigh);
        ordered("criticalLow", criticalLow, "low", low, false);
        ordered("low", low, "high", high, true);
        ordered("criticalLow", criticalLow, "high", high, true);
        ordered("high", high, "criticalHigh", criticalHigh, false);
        ordered("low", low, "criticalHigh", criticalHigh, true);
        ordered("criticalLow", criticalLow, "criticalHigh", criticalHigh, true);
    }

    public static Threshold of(double criticalLow, double low, double high, double criticalHigh) {
        return new Threshold(criticalLow, low, high, criticalHigh);
    }

    public Classification classify(double value) {
        if (criticalLow != null && value < criticalLow) {
            return Classification.CRITICAL_LOW;
        }
        if (criticalHigh != null && value >= criticalHigh) {
            return Classification.CRITICAL_HIGH;
        }
        if (low != null && value < low) {
            return Classification.LOW;
        }
        if (high != null && value >= high) {
            return Classification.HIGH;
        }
        return Classification.NORMAL;
    }

    /** True when no bound is set. */
    public boolean empty() {
        return criticalLow == null && low == null && high == null && criticalHigh == null;
    }

    private static void check(String name, Double bound) {
        if (bound != null && !Double.isFinite(bound)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + bound);
        }
    }

    private static void ordered(String lowerName, Double lower, String upperName, Double upper, boolean strict) {
        if (lower == null || upper == null) {
            return;
        }
        if (strict ? lower >= upper : lower > upper) {
            throw new IllegalArgumentException(lowerName + " (" + lower + ") must be "
                    + (strict ? "below " : "at most ") + upperName + " (" + upper + ")");
        }
    }
}
