package care.anxin.store.ingest;

import java.time.LocalDate;

/** The parts of an elder the gateway needs to classify readings: age and care-plan JSON. */
public record ElderProfile(long elderId, LocalDate birthDate, String carePlanJson) {
}
