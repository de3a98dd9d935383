package care.anxin.alert.config;

import care.anxin.alert.consume.EventConsumer;
import care.anxin.alert.consume.EventHandler;
import care.anxin.alert.consume.HoldReleaseJob;
import care.anxin.alert.consume.UrgentEvents;
import care.anxin.alert.dispatch.Dispatcher;
import care.anxin.alert.dispatch.DownlinkChannel;
import care.anxin.alert.dispatch.HttpJsonPoster;
import care.anxin.alert.dispatch.NotificationChannel;
import care.anxin.alert.dispatch.Outbox;
import care.anxin.alert.dispatch.SmsGatewayChannel;
import care.anxin.alert.dispatch.WebhookChannel;
import care.anxin.alert.dispatch.WebhookSecrets;
import care.anxin.store.alerting.EndpointSecretRepository;
import care.anxin.store.webhook.EndpointSecretCipher;
import care.anxin.store.webhook.WebhookTargetGuard;
import care.anxin.alert.escalation.DefaultPolicies;
import care.anxin.alert.escalation.EscalationJob;
import care.anxin.alert.escalation.Escalator;
import care.anxin.alert.escalation.PolicyResolver;
import care.anxin.alert.escalation.TargetResolver;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.EventQueueRepository;
import care.anxin.store.alerting.HoldRepository;
import care.anxin.store.alerting.IncidentRepository;
import care.anxin.store.alerting.NotificationRepository;
import care.anxin.store.alerting.ResponseTimeRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The alert service's object graph: store repositories, rules, escalation, outbox and channels. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class AlertConfiguration {

    /** Wall clock; tests register their own controllable Clock before this configuration runs. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    JsonText jsonText(ObjectMapper mapper) {
        return new JsonText(mapper);
    }

    @Bean
    AlertMetrics alertMetrics(MeterRegistry registry) {
        return new AlertMetrics(registry);
    }

    @Bean
    EventQueueRepository eventQueueRepository(JdbcTemplate jdbc) {
        return new EventQueueRepository(jdbc);
    }

    @Bean
    IncidentRepository incidentRepository(JdbcTemplate jdbc) {
        return new IncidentRepository(jdbc);
    }

    @Bean
    HoldRepository holdRepository(JdbcTemplate jdbc) {
        return new HoldRepository(jdbc);
    }

    @Bean
    DirectoryRepository directoryRepository(JdbcTemplate jdbc) {
        return new DirectoryRepository(jdbc);
    }

    @Bean
    NotificationRepository notificationRepository(JdbcTemplate jdbc) {
        return new NotificationRepository(jdbc);
    }

    @Bean
    ConditionQueries conditionQueries(JdbcTemplate jdbc) {
        return new ConditionQueries(jdbc);
    }

    @Bean
    ResponseTimeRepository responseTimeRepository(JdbcTemplate jdbc) {
        return new ResponseTimeRepository(jdbc);
    }

    @Bean
    Outbox outbox(NotificationRepository notifications, JsonText json, Clock clock, ApplicationEventPublisher events) {
        return new Outbox(notifications, json, clock, events);
    }

    @Bean
    Escalator escalator(IncidentRepository incidents, DirectoryRepository directory, Outbox outbox, JsonText json,
                        AlertMetrics metrics, AlertProperties properties) {
        PolicyResolver policies = new PolicyResolver(directory, new DefaultPolicies(properties.escalation()), json);
        TargetResolver targets = new TargetResolver(directory, properties.sms().gatewayUrl() != null);
        return new Escalator(incidents, policies, targets, outbox, json, metrics);
    }

    @Bean
    IncidentWriter incidentWriter(IncidentRepository incidents, Escalator escalator, JsonText json, AlertMetrics metrics) {
        return new IncidentWriter(incidents, escalator, json, metrics);
    }

    @Bean
    UrgentEvents urgentEvents(IncidentWriter writer, IncidentRepository incidents, HoldRepository holds,
                              EventQueueRepository queue, DirectoryRepository directory, Outbox outbox, JsonText json,
                              AlertMetrics metrics, AlertProperties properties) {
        return new UrgentEvents(writer, incidents, holds, queue, directory, outbox, json, metrics, properties.fall());
    }

    @Bean
    EventConsumer eventConsumer(EventQueueRepository queue, DirectoryRepository directory, UrgentEvents urgent,
                                IncidentWriter writer, JsonText json, TransactionTemplate tx, AlertMetrics metrics,
                                AlertProperties properties, Clock clock) {
        return new EventConsumer(queue, directory, new EventHandler(urgent, writer, json), tx, metrics,
                properties.events(), clock);
    }

    @Bean
    HoldReleaseJob holdReleaseJob(HoldRepository holds, UrgentEvents urgent, TransactionTemplate tx, Clock clock) {
        return new HoldReleaseJob(holds, urgent, tx, clock);
    }

    @Bean
    EscalationJob escalationJob(IncidentRepository incidents, Escalator escalator, TransactionTemplate tx, Clock clock) {
        return new EscalationJob(incidents, escalator, tx, clock);
    }

    @Bean
    HttpJsonPoster httpJsonPoster(AlertProperties properties) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.dispatch().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpJsonPoster(client, properties.dispatch().requestTimeout());
    }

    @Bean
    WebhookSecrets webhookSecrets(JdbcTemplate jdbc, EndpointSecretCipher cipher, Clock clock) {
        return new WebhookSecrets(new EndpointSecretRepository(jdbc), cipher, clock);
    }

    @Bean
    WebhookChannel webhookChannel(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        return new WebhookChannel(http, clock, guard, secrets);
    }

    @Bean
    SmsGatewayChannel smsGatewayChannel(HttpJsonPoster http, AlertProperties properties, JsonText json,
                                        WebhookTargetGuard guard) {
        return new SmsGatewayChannel(http, properties.sms().gatewayUrl(), json, guard);
    }

    @Bean
    DownlinkChannel downlinkChannel(NotificationRepository notifications, Clock clock) {
        return new DownlinkChannel(notifications, clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService notificationSenders(AlertProperties properties) {
        return Executors.newFixedThreadPool(properties.dispatch().senders(), runnable -> {
            Thread t = new Thread(runnable, "anxin-notification-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    Dispatcher dispatcher(NotificationRepository notifications, IncidentRepository incidents, IncidentWriter writer,
                          List<NotificationChannel> channels, TransactionTemplate tx, ExecutorService notificationSenders,
                          AlertMetrics metrics, JsonText json, AlertProperties properties, Clock clock) {
        return new Dispatcher(notifications, incidents, writer, channels, tx, notificationSenders, metrics, json,
                properties.dispatch(), clock);
    }
}
