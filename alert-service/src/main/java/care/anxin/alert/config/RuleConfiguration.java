package care.anxin.alert.config;

import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.alert.rules.ConditionRule;
import care.anxin.alert.rules.ConditionRuleRunner;
import care.anxin.alert.rules.DeviceOfflineRule;
import care.anxin.alert.rules.EarlyWarningRule;
import care.anxin.alert.rules.GeofenceRule;
import care.anxin.alert.rules.InactivityRule;
import care.anxin.alert.rules.LowBatteryRule;
import care.anxin.alert.rules.NoDataRule;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.IncidentRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The condition rules evaluated on a schedule. */
@Configuration(proxyBeanMethods = false)
public class RuleConfiguration {

    @Bean
    ConditionRuleRunner conditionRuleRunner(ConditionQueries queries, IncidentRepository incidents,
                                            DirectoryRepository directory, IncidentWriter writer, JsonText json,
                                            TransactionTemplate tx, AlertProperties properties, Clock clock) {
        AlertProperties.Rules r = properties.rules();
        List<ConditionRule> rules = List.of(
                new DeviceOfflineRule(queries, r.offlineAfter()),
                new NoDataRule(queries, r.noDataMinutes()),
                new InactivityRule(queries, r),
                new LowBatteryRule(queries, r.lowBatteryPct(), r.batteryRecoveredPct()),
                new GeofenceRule(queries, r.positionMaxAge()),
                new EarlyWarningRule(queries, r.vitalsWindow()));
        return new ConditionRuleRunner(rules, queries, incidents, directory, writer, json, tx, clock);
    }
}
