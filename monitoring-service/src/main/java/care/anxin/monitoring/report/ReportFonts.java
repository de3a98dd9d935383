package care.anxin.monitoring.report;

import care.anxin.monitoring.clinical.ClinicalProperties;
import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The embedded CJK font of the reports, loaded once (parsing a CJK collection takes a while).
 * Only the glyphs used are embedded (Identity-H subset), so a report stays small.
 */
@Component
public class ReportFonts {

    private final String location;
    private volatile BaseFont base;

    public ReportFonts(ClinicalProperties settings) {
        this.location = settings.reportFont();
    }

    public BaseFont base() {
        BaseFont font = base;
        if (font == null) {
            synchronized (this) {
                if (base == null) {
                    String file = location.contains(",") ? location.substring(0, location.lastIndexOf(',')) : location;
                    if (!Files.isReadable(Path.of(file))) {
                        throw new ReportUnavailableException("CJK font not found at " + file
                                + " (install Debian fonts-noto-cjk or set anxin.clinical.report-font)");
                    }
                    try {
                        base = BaseFont.createFont(location, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                    } catch (Exception e) {
                        throw new ReportUnavailableException("CJK font " + location + " cannot be used: " + e.getMessage());
                    }
                }
                font = base;
            }
        }
        return font;
    }

    public Font font(float size, int style) {
        return new Font(base(), size, style);
    }

    /** The report cannot be made on this installation (no usable font): 503 with the reason. */
    public static class ReportUnavailableException extends RuntimeException {
        public ReportUnavailableException(String message) {
            super(message);
        }
    }
}
