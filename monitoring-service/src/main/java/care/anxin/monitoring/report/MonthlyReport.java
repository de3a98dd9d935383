package care.anxin.monitoring.report;

import care.anxin.domain.score.ScoreResult;
import care.anxin.store.clinical.ClinicalQueries.Incident;
import care.anxin.store.clinical.ClinicalQueries.Stat;
import care.anxin.store.clinical.FollowUp;
import care.anxin.store.clinical.HealthRecord;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything one monthly health report shows, gathered in one read.
 *
 * @param score     early-warning score over the latest reading of each scored vital in the month (null: none)
 * @param scoredAt  time of the newest reading that went into the score
 */
public record MonthlyReport(YearMonth month, ZoneId zone, Instant generatedAt, ElderDetail elder, HealthRecord record,
                            List<Stat> stats, List<Stat> daily, List<Incident> incidents, List<FollowUp> followUps,
                            ScoreResult score, Instant scoredAt) {
}
