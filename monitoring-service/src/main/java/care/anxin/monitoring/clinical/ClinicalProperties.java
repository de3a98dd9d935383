package care.anxin.monitoring.clinical;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The doctors' workspace (prefix {@code anxin.clinical}).
 *
 * @param zone                     local time zone of months and days (reports, follow-up dates)
 * @param worklistLookAheadDays    follow-ups due within this many days appear on the worklist
 * @param everythingDays           default period of Patient/$everything without start/end
 * @param maxObservations          most Observations in one FHIR answer (the newest are kept)
 * @param reportFont               CJK font embedded in the PDF report: a TrueType/OpenType file, for a
 *                                 collection with ",index" (Debian fonts-noto-cjk: index 2 is Simplified Chinese)
 */
@ConfigurationProperties("anxin.clinical")
public record ClinicalProperties(@DefaultValue("Asia/Shanghai") ZoneId zone,
                                 @DefaultValue("7") int worklistLookAheadDays,
                                 @DefaultValue("30") int everythingDays,
                                 @DefaultValue("10000") int maxObservations,
                                 @DefaultValue("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2") String reportFont) {
}
