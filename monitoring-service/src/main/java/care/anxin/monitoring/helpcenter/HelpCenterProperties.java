package care.anxin.monitoring.helpcenter;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Help-center work (prefix {@code anxin.monitoring.help-center}).
 *
 * @param serviceKinds  kinds of service request a CALL_SERVICE call may carry (meals, cleaning, …)
 * @param publicUrl     base URL of the console as responders' phones reach it (links in their SMS)
 * @param dispatchLinkTtl how long a responder's link stays valid when the incident stays open
 * @param commandTtl    how long a handset command may wait for the device before it expires
 */
@ConfigurationProperties("anxin.monitoring.help-center")
public record HelpCenterProperties(
        @DefaultValue({"MEALS", "CLEANING", "REPAIRS", "ACCOMPANIMENT", "SHOPPING", "OTHER"}) List<String> serviceKinds,
        @DefaultValue("http://127.0.0.1:8080") String publicUrl,
        @DefaultValue("24h") Duration dispatchLinkTtl,
        @DefaultValue("10m") Duration commandTtl) {
}
