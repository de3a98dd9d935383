package care.anxin.monitoring.fhir;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import care.anxin.fhir.ObservationResources;
import care.anxin.monitoring.api.BadRequestException;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.DateTimeType;
import java.util.ArrayList;
import java.util.List;

/** Parsing of the FHIR search parameters the read API supports (patient, date, code). */
final class FhirSearch {

    /** A half-open period [from, to). */
    record Period(Instant from, Instant to) {
    }

    private FhirSearch() {
    }

    /** "12", "Patient/12" or an absolute reference ending in Patient/12. */
    static long patientId(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new BadRequestException("patient", "patient is required (patient=Patient/{id})");
        }
        String id = reference.substring(reference.lastIndexOf('/') + 1);
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadRequestException("patient", "patient must reference Patient/{id}: " + reference);
        }
    }

    /** date=ge2026-11-01&date=lt2026-12-01; a date without prefix (or eq) is that whole day/instant's precision. */
    static Period period(List<String> values, Instant defaultFrom, Instant defaultTo, ZoneId zone) {
        Instant from = defaultFrom;
        Instant to = defaultTo;
        for (String v : values == null ? List.<String>of() : values) {
            DateParam p;
            try {
                p = new DateParam(v);
            } catch (RuntimeException e) {
                throw new BadRequestException("date", "date must look like ge2026-11-01 or lt2026-12-01T00:00:00+08:00");
            }
            if (p.getValue() == null) {
                throw new BadRequestException("date", "date has no value: " + v);
            }
            Instant[] bounds = bounds(new DateTimeType(p.getValueAsString()), zone);
            Instant lower = bounds[0];
            Instant upperInclusive = bounds[1].minusMillis(1);
            ParamPrefixEnum prefix = p.getPrefix() == null ? ParamPrefixEnum.EQUAL : p.getPrefix();
            switch (prefix) {
                case GREATERTHAN_OR_EQUALS, STARTS_AFTER -> from = lower;
                case GREATERTHAN -> from = upperInclusive.plusMillis(1);
                case LESSTHAN, ENDS_BEFORE -> to = lower;
                case LESSTHAN_OR_EQUALS -> to = upperInclusive.plusMillis(1);
                case EQUAL -> {
                    from = lower;
                    to = upperInclusive.plusMillis(1);
                }
                default -> throw new BadRequestException("date", "unsupported date prefix " + prefix.getValue());
            }
        }
        if (!from.isBefore(to)) {
            throw new BadRequestException("date", "the date range is empty");
        }
        return new Period(from, to);
    }

    /** [start, end) of a date at its precision; dates without a time zone are local days of the platform. */
    private static Instant[] bounds(DateTimeType value, ZoneId zone) {
        TemporalPrecisionEnum precision = value.getPrecision();
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            LocalDate start = LocalDate.of(value.getYear(), precision == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1,
                    precision == TemporalPrecisionEnum.DAY ? value.getDay() : 1);
            LocalDate end = switch (precision) {
                case YEAR -> start.plusYears(1);
                case MONTH -> start.plusMonths(1);
                default -> start.plusDays(1);
            };
            return new Instant[] {start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant()};
        }
        Instant start = value.getValue().toInstant();
        return new Instant[] {start, start.plus(1, switch (precision) {
            case MINUTE -> ChronoUnit.MINUTES;
            case SECOND -> ChronoUnit.SECONDS;
            default -> ChronoUnit.MILLIS;
        })};
    }

    /** code=http://loinc.org|8867-4,85354-9 → stored codes (null: any). Unknown codes match nothing. */
    static List<String> storedCodes(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        List<String> stored = new ArrayList<>();
        for (String token : code.split(",")) {
            String loinc = token;
            int bar = token.indexOf('|');
            if (bar >= 0) {
                String system = token.substring(0, bar);
                if (!system.isEmpty() && !system.equals("http://loinc.org")) {
                    continue;
                }
                loinc = token.substring(bar + 1);
            }
            stored.addAll(ObservationResources.storedCodesFor(loinc.trim()));
        }
        return stored.isEmpty() ? List.of("-") : stored;
    }
}
