package care.anxin.store.console;

/** The roles of app_user and api_key rows; the scope each one grants is defined by {@link ViewerScope}. */
public enum Role {
    CARE_STAFF, DISTRICT_STAFF, DOCTOR, ADMIN, PARTNER,
    /** A community worker or volunteer sent to the door; sees only the incidents dispatched to them. */
    RESPONDER,
    /** A family member linked to one or more elders (family_link); sees only those elders. */
    FAMILY;

    /** Roles that work the care-center board (live stream, incident actions). */
    public boolean staff() {
        return this == CARE_STAFF || this == DISTRICT_STAFF || this == ADMIN || this == DOCTOR;
    }

    /** Roles that may acknowledge, resolve or dispatch an emergency (SOS, FALL, CALL_SOS). */
    public boolean care() {
        return this == CARE_STAFF || this == DISTRICT_STAFF || this == ADMIN;
    }

    /** Roles an incident may be assigned to (they work inside the console). */
    public boolean assignable() {
        return staff();
    }
}
