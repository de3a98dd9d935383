package care.anxin.monitoring.helpcenter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Help-center work: phone intake, dispatch to responders, handset messages, the map and families. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HelpCenterProperties.class, MapProperties.class})
public class HelpCenterConfiguration {
}
