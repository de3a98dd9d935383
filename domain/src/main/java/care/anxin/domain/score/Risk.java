package care.anxin.domain.score;

/** NEWS2 clinical risk bands. */
public enum Risk {
    /** Aggregate 0-4 with no single parameter scoring 3. */
    LOW,
    /** Aggregate 0-4 but one parameter scores 3 (an extreme value): urgent ward-based response in NEWS2. */
    LOW_MEDIUM,
    /** Aggregate 5-6: urgent response. */
    MEDIUM,
    /** Aggregate 7 or more: emergency response. */
    HIGH
}
