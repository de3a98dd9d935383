package care.anxin.monitoring.clinical;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.HealthRecord;
import care.anxin.store.clinical.HealthRecordRepository;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and replaces health records; every change is audited with the record before and after. */
@Service
public class HealthRecordService {

    private final HealthRecordRepository records;
    private final ElderAccess access;
    private final AuditTrail audit;
    private final ClinicalProperties settings;

    public HealthRecordService(HealthRecordRepository records, ElderAccess access, AuditTrail audit,
                               ClinicalProperties settings) {
        this.settings = settings;
        this.records = records;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public HealthRecord get(AnxinPrincipal me, long elderId) {
        access.read(me, elderId);
        audit.elderRead(me, elderId, "health-record", null);
        return records.find(elderId);
    }

    @Transactional
    public HealthRecord replace(AnxinPrincipal me, long elderId, HealthRecordRequest body) {
        access.edit(me, elderId);
        Set<String> codes = new HashSet<>();
        for (HealthRecordRequest.ConditionBody c : body.conditions()) {
            if (!codes.add(c.icd10())) {
                throw new BadRequestException("conditions", "ICD-10 code " + c.icd10() + " appears twice");
            }
        }
        HealthRecord before = records.find(elderId);
        HealthRecord next = new HealthRecord(elderId, body.bloodType(), body.careLevel(), body.allergies(), body.notes(),
                body.conditions().stream().map(c -> new HealthRecord.Condition(c.icd10(), c.name().trim(),
                        c.diagnosedOn(), c.followUpDays(), c.nextFollowUp())).toList(),
                body.medications().stream().map(m -> new HealthRecord.Medication(m.name().trim(), m.dose(),
                        m.schedule())).toList(), null, null);
        // Follow-ups fall due by the care center's calendar, not the database server's (often UTC) day.
        records.replace(next, me.userId(), LocalDate.now(settings.zone()));
        HealthRecord after = records.find(elderId);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("before", summary(before));
        detail.put("after", summary(after));
        audit.record(me, "HEALTH_RECORD_UPDATE", "health_record", elderId, elderId, detail);
        return after;
    }

    private static Map<String, Object> summary(HealthRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bloodType", r.bloodType());
        m.put("careLevel", r.careLevel());
        m.put("allergies", r.allergies());
        m.put("notes", r.notes());
        m.put("conditions", r.conditions().stream().map(c -> c.icd10() + " " + c.name()
                + (c.followUpDays() != null ? " /" + c.followUpDays() + "d" : "")).toList());
        m.put("medications", r.medications().stream().map(x -> String.join(" ",
                List.of(x.name(), x.dose() == null ? "" : x.dose(), x.schedule() == null ? "" : x.schedule())).trim())
                .toList());
        return m;
    }
}
