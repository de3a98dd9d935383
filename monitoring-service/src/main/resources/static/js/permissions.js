// Who may do what to an incident, as the API enforces it (the console only hides what would be refused).
// Acknowledging and resolving an emergency (SOS, FALL) needs a care role; everyone who can see an
// incident may add notes.
const CARE_ROLES = new Set(['CARE_STAFF', 'DISTRICT_STAFF', 'ADMIN']);
const EMERGENCY_KINDS = new Set(['SOS', 'FALL', 'CALL_SOS']);

/** True when `me` may acknowledge or resolve this incident (unknown viewer: let the API decide). */
export function canClose(me, alert) {
  return !me || CARE_ROLES.has(me.role) || !EMERGENCY_KINDS.has(alert.kind);
}
