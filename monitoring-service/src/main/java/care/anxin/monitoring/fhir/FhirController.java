package care.anxin.monitoring.fhir;

import care.anxin.fhir.AnxinFhir;
import care.anxin.fhir.Bundles;
import care.anxin.fhir.Capability;
import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.clinical.ClinicalProperties;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * FHIR R4 read API for medical partners (docs/fhir.md): JSON only, read and search, scoped by the
 * caller's API key (or login) like every other read. Errors are OperationOutcomes (FhirErrors).
 */
@RestController
@RequestMapping("/fhir/r4")
public class FhirController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final FhirReads reads;
    private final ClinicalProperties settings;

    public FhirController(FhirReads reads, ClinicalProperties settings) {
        this.reads = reads;
        this.settings = settings;
    }

    @GetMapping("/metadata")
    public ResponseEntity<String> metadata(HttpServletRequest request) {
        return answer(request, Capability.statement(base(), getClass().getPackage().getImplementationVersion() == null
                ? "dev" : getClass().getPackage().getImplementationVersion()));
    }

    @GetMapping("/Patient")
    public ResponseEntity<String> patients(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                           @RequestParam(required = false) String name,
                                           @RequestParam(name = "_count", defaultValue = "100") int count) {
        return search(request, reads.patients(me, name, clamp(count, 200)));
    }

    @GetMapping("/Patient/{id}")
    public ResponseEntity<String> patient(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                          @PathVariable long id) {
        return answer(request, reads.patient(reads.elder(me, id)));
    }

    /** start/end (dates) bound the incidents and readings; default: the last anxin.clinical.everything-days. */
    @GetMapping("/Patient/{id}/$everything")
    public ResponseEntity<String> everything(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                             @PathVariable long id, @RequestParam(required = false) String start,
                                             @RequestParam(required = false) String end) {
        ElderDetail elder = reads.elder(me, id);
        Instant now = Instant.now();
        FhirSearch.Period period = FhirSearch.period(
                java.util.stream.Stream.of(start == null ? null : "ge" + start, end == null ? null : "le" + end)
                        .filter(java.util.Objects::nonNull).toList(),
                now.minus(Duration.ofDays(settings.everythingDays())), now.plusSeconds(1), settings.zone());
        FhirReads.ObservationPage page = reads.observations(elder, period.from(), period.to(), null,
                settings.maxObservations());
        Bundle bundle = Bundles.searchSet(base(), self(request), reads.everything(elder, period.from(), period.to(), page));
        if (page.before() != null) {
            // Older readings than fit: the next page ends just before the oldest reading returned.
            bundle.setTotalElement(null);
            bundle.addLink().setRelation("next").setUrl(ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("end", page.before().minusMillis(1).toString()).toUriString());
        }
        return answer(request, bundle);
    }

    @GetMapping("/Observation")
    public ResponseEntity<String> observations(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                               @RequestParam(required = false) String patient,
                                               @RequestParam(required = false) String subject,
                                               @RequestParam(required = false) List<String> date,
                                               @RequestParam(required = false) String code,
                                               @RequestParam(required = false) String category,
                                               @RequestParam(name = "_count", defaultValue = "100") int count) {
        ElderDetail elder = reads.elder(me, FhirSearch.patientId(patient != null ? patient : subject));
        Instant now = Instant.now();
        FhirSearch.Period period = FhirSearch.period(date, now.minus(Duration.ofDays(settings.everythingDays())),
                now.plusSeconds(1), settings.zone());
        FhirReads.ObservationPage page = reads.observations(elder, period.from(), period.to(),
                FhirSearch.storedCodes(code), clamp(count, settings.maxObservations()));
        List<? extends Resource> found = page.observations();
        if (category != null && !category.isBlank()) {
            String wanted = category.substring(category.indexOf('|') + 1);
            found = found.stream().filter(o -> ((org.hl7.fhir.r4.model.Observation) o).getCategory().stream()
                    .anyMatch(c -> c.getCodingFirstRep().getCode().equals(wanted))).toList();
        }
        Bundle bundle = Bundles.searchSet(base(), self(request), found);
        if (page.before() != null) {
            bundle.setTotalElement(null);
            bundle.addLink().setRelation("next").setUrl(ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("date", "ge" + period.from(), "lt" + page.before()).toUriString());
        }
        return answer(request, bundle);
    }

    @GetMapping("/Flag")
    public ResponseEntity<String> flags(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                        @RequestParam(required = false) String patient,
                                        @RequestParam(required = false) List<String> date) {
        ElderDetail elder = reads.elder(me, FhirSearch.patientId(patient));
        FhirSearch.Period period = FhirSearch.period(date, Instant.EPOCH, Instant.now().plusSeconds(1), settings.zone());
        return search(request, reads.flags(elder, period.from(), period.to()));
    }

    @GetMapping("/Condition")
    public ResponseEntity<String> conditions(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                             @RequestParam(required = false) String patient) {
        return byPatient(me, request, patient, reads::conditions);
    }

    @GetMapping("/MedicationStatement")
    public ResponseEntity<String> medications(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                              @RequestParam(required = false) String patient) {
        return byPatient(me, request, patient, reads::medications);
    }

    @GetMapping("/CareTeam")
    public ResponseEntity<String> careTeams(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                            @RequestParam(required = false) String patient) {
        return byPatient(me, request, patient, reads::careTeams);
    }

    /** Single reads of the other types take "{patient}-…" ids for records and the incident id for Flag. */
    @GetMapping("/{type}/{id}")
    public ResponseEntity<String> read(@AuthenticationPrincipal AnxinPrincipal me, HttpServletRequest request,
                                       @PathVariable String type, @PathVariable String id) {
        if (type.equals("Flag")) {
            long alertId = number(id, type);
            // Scope: find the incident's elder among those the caller may see.
            return answer(request, reads.flagById(me, alertId));
        }
        Map<String, Function<ElderDetail, List<? extends Resource>>> listers = Map.of(
                "Condition", reads::conditions, "MedicationStatement", reads::medications, "CareTeam", reads::careTeams);
        if (type.equals("Observation")) {
            return answer(request, reads.observationById(me, id));
        }
        Function<ElderDetail, List<? extends Resource>> lister = listers.get(type);
        if (lister == null) {
            throw new NotFoundException("Resource type", type);
        }
        if (type.equals("CareTeam")) {
            return answer(request, reads.careTeamById(me, number(id, type)));
        }
        ElderDetail elder = reads.elder(me, number(id.contains("-") ? id.substring(0, id.indexOf('-')) : id, type));
        return answer(request, lister.apply(elder).stream().filter(r -> r.getIdElement().getIdPart().equals(id))
                .findFirst().orElseThrow(() -> new NotFoundException(type, id)));
    }

    private ResponseEntity<String> byPatient(AnxinPrincipal me, HttpServletRequest request, String patient,
                                             Function<ElderDetail, List<? extends Resource>> lister) {
        return search(request, lister.apply(reads.elder(me, FhirSearch.patientId(patient))));
    }

    private ResponseEntity<String> search(HttpServletRequest request, List<? extends Resource> resources) {
        return answer(request, Bundles.searchSet(base(), self(request), resources));
    }

    private ResponseEntity<String> answer(HttpServletRequest request, IBaseResource resource) {
        FhirErrors.requireJson(request);
        return ResponseEntity.ok().contentType(FHIR_JSON).body(AnxinFhir.toJson(resource));
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/r4").toUriString();
    }

    private static String self(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequest(request).toUriString();
    }

    private static int clamp(int count, int max) {
        if (count < 1) {
            throw new BadRequestException("_count", "_count must be at least 1");
        }
        return Math.min(count, max);
    }

    private static long number(String id, String type) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException(type, id);
        }
    }
}
