package care.anxin.store.incident;

/** How an incident ended, as recorded by the person who resolved it. */
public enum IncidentOutcome {
    HELP_PROVIDED,
    FALSE_ALARM,
    HOSPITALIZED,
    NO_ACTION_NEEDED,
    OTHER
}
