package care.anxin.monitoring.report;

import care.anxin.domain.vital.VitalSign;
import care.anxin.store.clinical.ClinicalQueries.Incident;
import care.anxin.store.clinical.ClinicalQueries.Stat;
import care.anxin.store.clinical.FollowUp;
import care.anxin.store.clinical.HealthRecord;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import care.anxin.store.console.ConsoleViews.PersonRef;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Writes a {@link MonthlyReport} as an A4 PDF in Chinese (text extractable: real text, embedded font subset). */
@Component
public class ReportPdf {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final Map<String, String> STATUS = Map.of("OPEN", "未处理", "ACKNOWLEDGED", "处理中", "RESOLVED", "已解决",
            "AUTO_RESOLVED", "自动解除", "CANCELLED", "已取消");
    private static final Map<String, String> OUTCOME = Map.of("HELP_PROVIDED", "已提供帮助", "FALSE_ALARM", "误报",
            "HOSPITALIZED", "已送医", "NO_ACTION_NEEDED", "无需处理", "OTHER", "其他");
    private static final Map<String, String> WAY = Map.of("VISIT", "上门", "PHONE", "电话", "CLINIC", "门诊");
    private static final Map<String, String> CARE_LEVEL = Map.of("SELF_CARE", "能力完好（自理）", "MILD", "轻度失能",
            "MODERATE", "中度失能", "SEVERE", "重度失能");
    private static final Map<String, String> RISK = Map.of("LOW", "低", "LOW_MEDIUM", "低-中（单项极值）", "MEDIUM", "中",
            "HIGH", "高");

    private final ReportFonts fonts;
    private final ReportCharts charts;

    public ReportPdf(ReportFonts fonts, ReportCharts charts) {
        this.fonts = fonts;
        this.charts = charts;
    }

    public byte[] write(MonthlyReport r) {
        Font title = fonts.font(16, Font.BOLD);
        Font heading = fonts.font(11, Font.BOLD);
        Font body = fonts.font(8.5f, Font.NORMAL);
        Font small = fonts.font(7, Font.NORMAL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 32, 32);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            ElderDetail e = r.elder();
            doc.addTitle("健康月报 " + e.name() + " " + r.month());
            doc.addCreator("Anxin (安心)");
            doc.open();
            Paragraph head = new Paragraph("安心 · 居家老人健康月报  " + r.month().getYear() + "年" + r.month().getMonthValue() + "月",
                    title);
            head.setAlignment(Element.ALIGN_CENTER);
            doc.add(head);
            Paragraph sub = new Paragraph("报告期间 " + r.month().atDay(1) + " 至 " + r.month().atEndOfMonth() + "（"
                    + r.zone().getId() + "）  生成时间 " + r.generatedAt().atZone(r.zone()).format(
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), small);
            sub.setAlignment(Element.ALIGN_CENTER);
            doc.add(sub);

            doc.add(section("基本信息", heading));
            doc.add(profile(r, body));

            doc.add(section("慢性病与用药", heading));
            doc.add(new Paragraph(conditions(r.record()), body));
            doc.add(new Paragraph(medications(r.record()), body));

            doc.add(section("本月生命体征（最小 / 平均 / 最大）", heading));
            doc.add(stats(r.stats(), body));
            doc.add(chartGrid(writer, r, small));

            doc.add(section("本月事件", heading));
            doc.add(incidents(r, body));

            doc.add(section("本月随访", heading));
            doc.add(followUps(r.followUps(), body));

            doc.add(section("最新早期预警评分（NEWS2 方法）", heading));
            doc.add(new Paragraph(score(r), body));
            doc.add(new Paragraph("说明：可穿戴设备无法评估意识和吸氧，按清醒、未吸氧计分，评分为下限。本报告为监测数据汇总，不构成诊断。", small));
            doc.close();
        } catch (DocumentException ex) {
            throw new IllegalStateException("Cannot write the report PDF", ex);
        }
        return out.toByteArray();
    }

    private static Paragraph section(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(7);
        p.setSpacingAfter(3);
        return p;
    }

    private PdfPTable profile(MonthlyReport r, Font f) {
        ElderDetail e = r.elder();
        HealthRecord h = r.record();
        PdfPTable t = table(new float[] {1.2f, 2.5f, 1.2f, 2.5f}, f);
        pair(t, "姓名", e.name(), f);
        pair(t, "性别 / 年龄", ("F".equals(e.gender()) ? "女" : "M".equals(e.gender()) ? "男" : "-") + " / "
                + (e.age() == null ? "-" : e.age() + " 岁") + "（" + e.birthDate() + "）", f);
        pair(t, "电话", nz(e.phone()), f);
        pair(t, "所属机构", e.organization().name(), f);
        pair(t, "住址", nz(e.address()), f);
        pair(t, "签约医生", e.doctors().isEmpty() ? "-"
                : e.doctors().stream().map(PersonRef::displayName).collect(Collectors.joining("、")), f);
        pair(t, "血型", nz(h.bloodType()), f);
        pair(t, "照护等级", h.careLevel() == null ? "-" : CARE_LEVEL.get(h.careLevel()), f);
        pair(t, "过敏", h.allergies().isEmpty() ? "无记录" : String.join("、", h.allergies()), f);
        pair(t, "紧急联系人", e.contacts().isEmpty() ? "-" : e.contacts().stream()
                .map(c -> c.name() + "（" + c.relation() + "）" + c.phone()).collect(Collectors.joining("；")), f);
        return t;
    }

    private static String conditions(HealthRecord h) {
        if (h.conditions().isEmpty()) {
            return "诊断：无记录";
        }
        return "诊断：" + h.conditions().stream().map(c -> c.name() + "（ICD-10 " + c.icd10() + "）"
                + (c.followUpDays() != null ? " 随访间隔 " + c.followUpDays() + " 天" : "")
                + (c.nextFollowUp() != null ? "，下次随访 " + c.nextFollowUp() : "")).collect(Collectors.joining("；"));
    }

    private static String medications(HealthRecord h) {
        if (h.medications().isEmpty()) {
            return "用药：无记录";
        }
        return "用药：" + h.medications().stream().map(m -> m.name() + (m.dose() != null ? " " + m.dose() : "")
                + (m.schedule() != null ? " " + m.schedule() : "")).collect(Collectors.joining("；"));
    }

    private PdfPTable stats(List<Stat> stats, Font f) {
        PdfPTable t = table(new float[] {2.2f, 1.2f, 1, 1, 1, 1.2f}, f);
        for (String h : new String[] {"项目", "单位", "最小", "平均", "最大", "读数"}) {
            t.addCell(header(h, f));
        }
        if (stats.isEmpty()) {
            PdfPCell none = cell("本月无读数", f);
            none.setColspan(6);
            t.addCell(none);
        }
        for (Stat s : stats) {
            VitalSign sign = VitalSign.fromCode(s.code()).orElse(null);
            t.addCell(cell(sign == null ? s.code() : sign.nameZh() + " " + s.code(), f));
            t.addCell(cell(sign == null ? "" : sign.ucum(), f));
            t.addCell(cell(number(s.min()), f));
            t.addCell(cell(number(s.avg()), f));
            t.addCell(cell(number(s.max()), f));
            t.addCell(cell(Long.toString(s.n()), f));
        }
        return t;
    }

    private PdfPTable chartGrid(PdfWriter writer, MonthlyReport r, Font f) throws DocumentException {
        Map<String, List<Stat>> byCode = new LinkedHashMap<>();
        for (Stat s : r.daily()) {
            byCode.computeIfAbsent(s.code(), c -> new ArrayList<>()).add(s);
        }
        PdfPTable grid = new PdfPTable(3);
        grid.setWidthPercentage(100);
        grid.setSpacingBefore(4);
        int cells = 0;
        for (Map.Entry<String, List<Stat>> series : byCode.entrySet()) {
            String label = VitalSign.fromCode(series.getKey()).map(v -> v.nameZh() + " " + v.ucum()).orElse(series.getKey());
            Image chart = charts.daily(writer, r.month(), label, series.getValue(), fonts.base());
            PdfPCell c = new PdfPCell(chart, true);
            c.setBorder(0);
            c.setPadding(2);
            grid.addCell(c);
            cells++;
        }
        while (cells % 3 != 0 || cells == 0) {
            PdfPCell empty = new PdfPCell(new Phrase(cells == 0 ? "本月无趋势数据" : "", f));
            empty.setBorder(0);
            grid.addCell(empty);
            cells++;
        }
        return grid;
    }

    private PdfPTable incidents(MonthlyReport r, Font f) {
        PdfPTable t = table(new float[] {1.1f, 3.2f, 0.9f, 1.1f, 1.3f, 1.6f}, f);
        for (String h : new String[] {"发生时间", "事件", "级别", "状态", "响应时间", "结果"}) {
            t.addCell(header(h, f));
        }
        if (r.incidents().isEmpty()) {
            PdfPCell none = cell("本月无事件", f);
            none.setColspan(6);
            t.addCell(none);
        }
        for (Incident i : r.incidents()) {
            t.addCell(cell(time(i.openedAt(), r), f));
            t.addCell(cell(i.title(), f));
            t.addCell(cell(i.severity(), f));
            t.addCell(cell(STATUS.getOrDefault(i.status(), i.status()), f));
            t.addCell(cell(i.acknowledgedAt() == null ? "-"
                    : (i.acknowledgedAt().getEpochSecond() - i.openedAt().getEpochSecond()) + " 秒", f));
            t.addCell(cell(i.outcome() == null ? "-" : OUTCOME.getOrDefault(i.outcome(), i.outcome())
                    + (i.resolvedAt() != null ? " " + time(i.resolvedAt(), r) : ""), f));
        }
        return t;
    }

    private PdfPTable followUps(List<FollowUp> followUps, Font f) {
        PdfPTable t = table(new float[] {1.1f, 0.8f, 1, 1.1f, 0.9f, 3, 1.1f}, f);
        for (String h : new String[] {"日期", "方式", "病种", "血压", "血糖", "记录", "医生"}) {
            t.addCell(header(h, f));
        }
        if (followUps.isEmpty()) {
            PdfPCell none = cell("本月无随访记录", f);
            none.setColspan(7);
            t.addCell(none);
        }
        for (FollowUp u : followUps) {
            t.addCell(cell(u.doneOn().toString(), f));
            t.addCell(cell(WAY.getOrDefault(u.way(), u.way()), f));
            t.addCell(cell(nz(u.icd10()), f));
            t.addCell(cell(u.sbp() == null ? "-" : u.sbp() + "/" + (u.dbp() == null ? "-" : u.dbp()), f));
            t.addCell(cell(u.glucose() == null ? "-" : number(u.glucose()), f));
            t.addCell(cell(nz(u.notes()) + (u.nextDue() != null ? "（下次 " + u.nextDue() + "）" : ""), f));
            t.addCell(cell(u.doctorName(), f));
        }
        return t;
    }

    private static String score(MonthlyReport r) {
        if (r.score() == null) {
            return "本月无可评分的读数。";
        }
        String parts = r.score().parts().entrySet().stream().map(p -> p.getKey().nameZh() + " " + p.getValue() + " 分")
                .collect(Collectors.joining("，"));
        return "总分 " + r.score().total() + " 分，风险 " + RISK.getOrDefault(r.score().risk().name(), r.score().risk().name())
                + "（" + parts + (r.score().missing().isEmpty() ? "" : "；缺少 " + String.join("、", r.score().missing()))
                + "），依据 " + r.scoredAt().atZone(r.zone()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                + " 之前的最新读数。";
    }

    private static PdfPTable table(float[] widths, Font f) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        return t;
    }

    private static void pair(PdfPTable t, String label, String value, Font f) {
        t.addCell(header(label, f));
        t.addCell(cell(value, f));
    }

    private static PdfPCell header(String text, Font f) {
        PdfPCell c = cell(text, f);
        c.setBackgroundColor(new java.awt.Color(236, 241, 246));
        return c;
    }

    private static PdfPCell cell(String text, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(new Chunk(text == null ? "" : text, f)));
        c.setPadding(2.5f);
        c.setBorderColor(new java.awt.Color(190, 198, 206));
        return c;
    }

    private static String time(Instant t, MonthlyReport r) {
        return t.atZone(r.zone()).format(TIME);
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    /** Whole numbers without decimals, others with one. */
    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
