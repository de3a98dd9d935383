package care.anxin.monitoring.clinical;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.FollowUp;
import care.anxin.store.clinical.FollowUpRepository;
import care.anxin.store.clinical.HealthRecordRepository;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Follow-ups (随访): the plan per condition lives in the health record; here they are recorded and listed. */
@RestController
public class FollowUpController {

    public record FollowUpsView(List<PlanItem> plan, List<FollowUp> done) {
    }

    public record PlanItem(String icd10, String name, Integer followUpDays, LocalDate nextFollowUp) {
    }

    private final ElderAccess access;
    private final FollowUpRepository followUps;
    private final HealthRecordRepository records;
    private final AuditTrail audit;
    private final ClinicalProperties settings;

    public FollowUpController(ElderAccess access, FollowUpRepository followUps, HealthRecordRepository records,
                              AuditTrail audit, ClinicalProperties settings) {
        this.access = access;
        this.followUps = followUps;
        this.records = records;
        this.audit = audit;
        this.settings = settings;
    }

    @GetMapping("/api/v1/elders/{id}/follow-ups")
    public FollowUpsView list(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id) {
        access.read(me, id);
        List<PlanItem> plan = records.conditions(id).stream()
                .map(c -> new PlanItem(c.icd10(), c.name(), c.followUpDays(), c.nextFollowUp())).toList();
        return new FollowUpsView(plan, followUps.between(id, LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31), 200));
    }

    @PostMapping("/api/v1/elders/{id}/follow-ups")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public Map<String, Object> record(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                      @Valid @RequestBody FollowUpRequest body) {
        access.edit(me, id);
        LocalDate today = LocalDate.now(settings.zone());
        if (body.doneOn().isAfter(today)) {
            throw new BadRequestException("doneOn", "a follow-up cannot be recorded for a future date");
        }
        if (body.nextDue() != null && !body.nextDue().isAfter(body.doneOn())) {
            throw new BadRequestException("nextDue", "the next follow-up must come after this one");
        }
        if (body.icd10() != null && records.conditions(id).stream().noneMatch(c -> c.icd10().equals(body.icd10()))) {
            throw new BadRequestException("icd10", "the health record has no condition " + body.icd10());
        }
        long followUpId = followUps.record(new FollowUp(null, id, body.icd10(), body.doneOn(), body.way(), body.sbp(),
                body.dbp(), body.glucose(), body.notes(), body.nextDue(), me.displayName()), me.userId());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("followUpId", followUpId);
        detail.put("icd10", body.icd10());
        detail.put("doneOn", body.doneOn().toString());
        detail.put("way", body.way());
        audit.record(me, "FOLLOW_UP_RECORD", "elder", id, id, detail);
        return Map.of("id", followUpId);
    }
}
