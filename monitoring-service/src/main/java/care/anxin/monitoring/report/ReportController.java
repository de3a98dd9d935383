package care.anxin.monitoring.report;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/elders/{id}/report.pdf?month=2026-11: the printable monthly health report. */
@RestController
public class ReportController {

    private final MonthlyReportService reports;
    private final ReportPdf pdf;
    private final AuditTrail audit;
    private final Timer timer;

    public ReportController(MonthlyReportService reports, ReportPdf pdf, AuditTrail audit, MeterRegistry registry) {
        this.reports = reports;
        this.pdf = pdf;
        this.audit = audit;
        this.timer = Timer.builder("anxin_report_seconds").description("Time to produce a monthly PDF report")
                .register(registry);
    }

    @GetMapping("/api/v1/elders/{id}/report.pdf")
    public ResponseEntity<byte[]> report(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                         @RequestParam String month) {
        YearMonth ym;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("month", "month must look like 2026-11");
        }
        if (ym.getYear() < 2000 || ym.isAfter(YearMonth.now().plusMonths(1))) {
            throw new BadRequestException("month", "month must be between 2000-01 and next month");
        }
        byte[] body = timer.record(() -> pdf.write(reports.gather(me, id, ym)));
        audit.elderRead(me, id, "report", java.util.Map.of("month", ym.toString()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("report-" + id + "-" + ym + ".pdf").build().toString())
                .body(body);
    }

    @ExceptionHandler(ReportFonts.ReportUnavailableException.class)
    ProblemDetail unavailable(ReportFonts.ReportUnavailableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
