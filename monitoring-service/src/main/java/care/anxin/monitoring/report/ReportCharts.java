package care.anxin.monitoring.report;

import care.anxin.store.clinical.ClinicalQueries.Stat;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Image;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One small vector chart per vital: a grey bar from the day's minimum to its maximum and the
 * daily average as a blue line, days of the month on the x axis. Drawn straight into the PDF.
 */
@Component
public class ReportCharts {

    static final float WIDTH = 170;
    static final float HEIGHT = 92;
    private static final float LEFT = 24;
    private static final float BOTTOM = 12;
    private static final float TOP = 14;

    public Image daily(PdfWriter writer, YearMonth month, String label, List<Stat> days, BaseFont font)
            throws BadElementException {
        PdfTemplate t = writer.getDirectContent().createTemplate(WIDTH, HEIGHT);
        double min = days.stream().mapToDouble(Stat::min).min().orElse(0);
        double max = days.stream().mapToDouble(Stat::max).max().orElse(1);
        if (max - min < 1e-9) {
            max = min + 1;
        }
        double pad = (max - min) * 0.08;
        double lo = min - pad;
        double hi = max + pad;
        int dayCount = month.lengthOfMonth();
        float plotW = WIDTH - LEFT - 4;
        float plotH = HEIGHT - BOTTOM - TOP;

        t.setColorStroke(new Color(200, 205, 210));
        t.setLineWidth(0.5f);
        t.rectangle(LEFT, BOTTOM, plotW, plotH);
        t.stroke();
        text(t, font, 7.5f, label, LEFT, HEIGHT - 10);
        text(t, font, 5.5f, ReportPdf.number(hi), 1, BOTTOM + plotH - 5);
        text(t, font, 5.5f, ReportPdf.number(lo), 1, BOTTOM);
        text(t, font, 5.5f, "1", LEFT, 3);
        text(t, font, 5.5f, Integer.toString(dayCount), LEFT + plotW - 8, 3);

        t.setColorStroke(new Color(170, 178, 186));
        t.setLineWidth(1.6f);
        for (Stat s : days) {
            float x = x(s, plotW, dayCount);
            t.moveTo(x, y(s.min(), lo, hi, plotH));
            t.lineTo(x, y(s.max(), lo, hi, plotH));
        }
        t.stroke();
        t.setColorStroke(new Color(22, 93, 171));
        t.setLineWidth(0.9f);
        boolean first = true;
        for (Stat s : days) {
            float x = x(s, plotW, dayCount);
            float y = y(s.avg(), lo, hi, plotH);
            if (first) {
                t.moveTo(x, y);
                first = false;
            } else {
                t.lineTo(x, y);
            }
        }
        t.stroke();
        return Image.getInstance(t);
    }

    private static float x(Stat s, float plotW, int dayCount) {
        return LEFT + plotW * (s.day().getDayOfMonth() - 0.5f) / dayCount;
    }

    private static float y(double v, double lo, double hi, float plotH) {
        return BOTTOM + (float) ((v - lo) / (hi - lo)) * plotH;
    }

    private static void text(PdfContentByte c, BaseFont font, float size, String s, float x, float y) {
        c.beginText();
        c.setFontAndSize(font, size);
        c.setColorFill(Color.DARK_GRAY);
        c.setTextMatrix(x, y);
        c.showText(s);
        c.endText();
    }
}
