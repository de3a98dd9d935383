package care.anxin.alert.config;

import care.anxin.alert.consume.AckNoticeJob;
import care.anxin.alert.consume.EventConsumer;
import care.anxin.alert.consume.EventHandler;
import care.anxin.alert.consume.HoldReleaseJob;
import care.anxin.alert.consume.UrgentEvents;
import care.anxin.alert.consume.UrgentQueueHealth;
import care.anxin.alert.dispatch.DispatchLane;
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
import care.anxin.alert.fhir.FhirIncidentPayload;
import care.anxin.alert.escalation.EscalationJob;
import care.anxin.alert.escalation.Escalator;
import care.anxin.alert.escalation.PolicyResolver;
import care.anxin.alert.escalation.TargetResolver;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.alert.web.AlertApiProperties;
import care.anxin.alert.web.ApiTokenFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.EventQueueRepository;
import care.anxin.store.alerting.HoldRepository;
import care.anxin.store.alerting.IncidentRepository;
import care.anxin.store.alerting.NotificationRepository;
import care.anxin.store.alerting.ResponseTimeRepository;
import care.anxin.store.clinical.DoctorChannels;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;
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
@EnableConfigurationProperties({AlertProperties.class, AlertApiProperties.class})
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
    Outbox outbox(NotificationRepository notifications, JsonText json, Clock clock, ApplicationEventPublisher events,
                  FhirIncidentPayload fhir) {
        return new Outbox(notifications, json, clock, events, fhir);
    }

    @Bean
    Escalator escalator(IncidentRepository incidents, DirectoryRepository directory, Outbox outbox, JsonText json,
                        AlertMetrics metrics, AlertProperties properties, DoctorChannels doctors) {
        PolicyResolver policies = new PolicyResolver(directory, new DefaultPolicies(properties.escalation()), json);
        TargetResolver targets = new TargetResolver(directory, properties.sms().gatewayUrl() != null, doctors);
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
    EventHandler eventHandler(UrgentEvents urgent, IncidentWriter writer, JsonText json) {
        return new EventHandler(urgent, writer, json);
    }

    /** The urgent lane: SOS, FALL, FALL_CANCELLED only, on its own thread. */
    @Bean
    EventConsumer urgentEventConsumer(EventQueueRepository queue, DirectoryRepository directory, EventHandler handler,
                                      TransactionTemplate tx, AlertMetrics metrics, AlertProperties properties, Clock clock) {
        return new EventConsumer(true, queue, directory, handler, tx, metrics, properties.events(), clock);
    }

    /** Everything else (vitals, battery, presence). */
    @Bean
    EventConsumer eventConsumer(EventQueueRepository queue, DirectoryRepository directory, EventHandler handler,
                                TransactionTemplate tx, AlertMetrics metrics, AlertProperties properties, Clock clock) {
        return new EventConsumer(false, queue, directory, handler, tx, metrics, properties.events(), clock);
    }

    @Bean
    UrgentQueueHealth urgentQueueHealth(EventQueueRepository queue, AlertProperties properties, Clock clock,
                                        MeterRegistry registry) {
        return new UrgentQueueHealth(queue, properties.events().urgentMaxAge(), clock, registry);
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(AlertApiProperties properties) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(properties));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    AckNoticeJob ackNoticeJob(IncidentRepository incidents, DirectoryRepository directory, UrgentEvents urgent,
                              TransactionTemplate tx, Clock clock) {
        return new AckNoticeJob(incidents, directory, urgent, tx, clock);
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
        return new HttpJsonPoster(client, properties.dispatch().requestTimeout(), properties.dispatch().totalDeadline());
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

    /** The handset's ALERT_ACK: its own lane, never behind a partner's webhook. */
    @Bean(destroyMethod = "close")
    Dispatcher downlinkDispatcher(NotificationRepository notifications, IncidentRepository incidents, IncidentWriter writer,
                                  List<NotificationChannel> channels, TransactionTemplate tx, AlertMetrics metrics,
                                  JsonText json, AlertProperties properties, Clock clock) {
        return new Dispatcher(DispatchLane.only("downlink", Set.of("DOWNLINK"), 2, 2), notifications, incidents, writer,
                channels, tx, metrics, json, properties.dispatch(), clock);
    }

    /** Family SMS: its own lane. */
    @Bean(destroyMethod = "close")
    Dispatcher smsDispatcher(NotificationRepository notifications, IncidentRepository incidents, IncidentWriter writer,
                             List<NotificationChannel> channels, TransactionTemplate tx, AlertMetrics metrics,
                             JsonText json, AlertProperties properties, Clock clock) {
        return new Dispatcher(DispatchLane.only("sms", Set.of("SMS"), 2, properties.dispatch().perEndpoint()),
                notifications, incidents, writer, channels, tx, metrics, json, properties.dispatch(), clock);
    }

    /** Webhooks and any other channel: endpoints isolated by bulkheads and circuit breakers. */
    @Bean(destroyMethod = "close")
    Dispatcher webhookDispatcher(NotificationRepository notifications, IncidentRepository incidents, IncidentWriter writer,
                                 List<NotificationChannel> channels, TransactionTemplate tx, AlertMetrics metrics,
                                 JsonText json, AlertProperties properties, Clock clock) {
        return new Dispatcher(DispatchLane.allBut("webhook", Set.of("DOWNLINK", "SMS"), properties.dispatch().senders(),
                properties.dispatch().perEndpoint()), notifications, incidents, writer, channels, tx, metrics, json,
                properties.dispatch(), clock);
    }
}
