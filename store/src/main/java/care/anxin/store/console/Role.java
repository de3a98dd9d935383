package care.anxin.store.console;

/** The roles of app_user and api_key rows; the scope each one grants is defined by {@link ViewerScope}. */
public enum Role {
    CARE_STAFF, DISTRICT_STAFF, DOCTOR, ADMIN, PARTNER
}
