package care.anxin.alert.config;

import care.anxin.store.notify.NotifyChannel;
import care.anxin.alert.consume.AckNoticeJob;
import care.anxin.alert.consume.EventConsumer;
import care.anxin.alert.consume.HoldReleaseJob;
import care.anxin.alert.dispatch.Dispatcher;
import care.anxin.alert.dispatch.OutboxQueued;
import care.anxin.alert.escalation.EscalationJob;
import care.anxin.alert.rules.ConditionRuleRunner;
import care.anxin.alert.work.PollingWorker;
import care.anxin.store.notify.PgNotificationListener;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The background loops (anxin.alert.workers-enabled=false turns them off, e.g. for tools). Each
 * polls as a safety net; the event consumer is also woken by NOTIFY device_event and the
 * dispatcher right after a commit that queued notifications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "anxin.alert.workers-enabled", havingValue = "true", matchIfMissing = true)
public class WorkerConfiguration {

    @Bean
    PollingWorker urgentConsumerWorker(EventConsumer urgentEventConsumer, AlertProperties properties) {
        return new PollingWorker("urgent-consumer", properties.events().pollInterval(), urgentEventConsumer::runOnce);
    }

    @Bean
    PollingWorker eventConsumerWorker(EventConsumer eventConsumer, AlertProperties properties) {
        return new PollingWorker("event-consumer", properties.events().pollInterval(), eventConsumer::runOnce);
    }

    @Bean
    PollingWorker holdReleaseWorker(HoldReleaseJob job, AlertProperties properties) {
        return new PollingWorker("fall-hold", properties.escalation().timerInterval(), job::runOnce);
    }

    @Bean
    PollingWorker ackNoticeWorker(AckNoticeJob job, AlertProperties properties) {
        return new PollingWorker("ack-notices", properties.escalation().timerInterval(), job::runOnce);
    }

    @Bean
    PollingWorker escalationWorker(EscalationJob job, AlertProperties properties) {
        return new PollingWorker("escalation", properties.escalation().timerInterval(), job::runOnce);
    }

    @Bean
    PollingWorker downlinkDispatcherWorker(Dispatcher downlinkDispatcher, AlertProperties properties) {
        return laneWorker(downlinkDispatcher, properties);
    }

    @Bean
    PollingWorker smsDispatcherWorker(Dispatcher smsDispatcher, AlertProperties properties) {
        return laneWorker(smsDispatcher, properties);
    }

    @Bean
    PollingWorker webhookDispatcherWorker(Dispatcher webhookDispatcher, AlertProperties properties) {
        return laneWorker(webhookDispatcher, properties);
    }

    /** A dispatcher lane's loop, woken after each finished send (a sender or an endpoint bulkhead is free again). */
    private static PollingWorker laneWorker(Dispatcher dispatcher, AlertProperties properties) {
        PollingWorker worker = new PollingWorker("dispatch-" + dispatcher.lane().name(), properties.dispatch().pollInterval(),
                dispatcher::runOnce);
        dispatcher.onSent(worker::wake);
        return worker;
    }

    @Bean
    @ConditionalOnProperty(name = "anxin.alert.rules.enabled", havingValue = "true", matchIfMissing = true)
    PollingWorker conditionRuleWorker(ConditionRuleRunner runner, AlertProperties properties) {
        return new PollingWorker("condition-rules", properties.rules().interval(), runner::runOnce);
    }

    /** NOTIFY device_event wakes the consumer; after every (re)connect it polls what it may have missed. */
    @Bean(initMethod = "start", destroyMethod = "close")
    PgNotificationListener deviceEventListener(DataSource dataSource, PollingWorker urgentConsumerWorker,
                                               PollingWorker eventConsumerWorker, PollingWorker escalationWorker,
                                               DispatcherWakeup dispatcherWakeup) {
        return new PgNotificationListener(dataSource, "alert-service")
                .listen(NotifyChannel.DEVICE_EVENT, payload -> {
                    urgentConsumerWorker.wake();
                    eventConsumerWorker.wake();
                })
                // Incidents opened and notifications queued by the monitoring service (phone intake, dispatch).
                .listen(NotifyChannel.INCIDENT_TIMER_DUE, payload -> escalationWorker.wake())
                .listen(NotifyChannel.NOTIFICATION_QUEUED, payload -> dispatcherWakeup.wakeAll())
                .onConnected(() -> {
                    urgentConsumerWorker.wake();
                    eventConsumerWorker.wake();
                });
    }

    @Bean
    DispatcherWakeup dispatcherWakeup(PollingWorker downlinkDispatcherWorker, PollingWorker smsDispatcherWorker,
                                      PollingWorker webhookDispatcherWorker) {
        return new DispatcherWakeup(List.of(downlinkDispatcherWorker, smsDispatcherWorker, webhookDispatcherWorker));
    }

    /** Wakes the dispatcher lanes once the transaction that queued notifications has committed. */
    public static class DispatcherWakeup {
        private final List<PollingWorker> workers;

        DispatcherWakeup(List<PollingWorker> workers) {
            this.workers = workers;
        }

        @TransactionalEventListener(fallbackExecution = true)
        public void onQueued(OutboxQueued event) {
            wakeAll();
        }

        /** Every lane (a notification queued by another service may be for any channel). */
        public void wakeAll() {
            workers.forEach(PollingWorker::wake);
        }
    }
}
