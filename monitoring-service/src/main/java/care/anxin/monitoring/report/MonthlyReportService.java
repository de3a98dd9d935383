package care.anxin.monitoring.report;

import care.anxin.domain.score.EarlyWarningScore;
import care.anxin.domain.score.ScoreResult;
import care.anxin.domain.vital.VitalSign;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.clinical.ClinicalProperties;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.clinical.ClinicalQueries;
import care.anxin.store.clinical.ClinicalQueries.Reading;
import care.anxin.store.clinical.FollowUpRepository;
import care.anxin.store.clinical.HealthRecordRepository;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import care.anxin.store.console.ElderQueries;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Gathers a month of one elder (in the viewer's scope) for the printable report. */
@Service
public class MonthlyReportService {

    private final ElderQueries elders;
    private final HealthRecordRepository records;
    private final ClinicalQueries clinical;
    private final FollowUpRepository followUps;
    private final ClinicalProperties settings;

    public MonthlyReportService(ElderQueries elders, HealthRecordRepository records, ClinicalQueries clinical,
                                FollowUpRepository followUps, ClinicalProperties settings) {
        this.elders = elders;
        this.records = records;
        this.clinical = clinical;
        this.followUps = followUps;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public MonthlyReport gather(AnxinPrincipal me, long elderId, YearMonth month) {
        ElderDetail elder = elders.detail(me.scope(), elderId).orElseThrow(() -> new NotFoundException("Elder", elderId));
        Instant from = month.atDay(1).atStartOfDay(settings.zone()).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(settings.zone()).toInstant();
        Instant now = Instant.now();
        Instant scoreAt = to.isAfter(now) ? now : to.minusMillis(1);
        List<Reading> latest = clinical.latestBefore(elderId, scoreAt, month.lengthOfMonth(),
                EarlyWarningScore.SCORED.stream().map(VitalSign::code).toList());
        ScoreResult score = null;
        Instant scoredAt = null;
        if (!latest.isEmpty()) {
            Map<VitalSign, Double> values = new EnumMap<>(VitalSign.class);
            latest.forEach(r -> values.put(VitalSign.valueOf(r.code()), r.value()));
            score = EarlyWarningScore.score(values);
            scoredAt = latest.stream().map(Reading::time).max(Instant::compareTo).orElse(null);
        }
        return new MonthlyReport(month, settings.zone(), now, elder, records.find(elderId),
                clinical.stats(elderId, from, to), clinical.dailyStats(elderId, from, to, settings.zone()),
                clinical.incidents(elderId, from, to, 200),
                followUps.between(elderId, month.atDay(1), month.atEndOfMonth(), 100), score, scoredAt);
    }
}
