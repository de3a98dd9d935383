package care.anxin.alert.config;

import care.anxin.store.notify.NotifyChannel;
import care.anxin.alert.consume.EventConsumer;
import care.anxin.alert.consume.HoldReleaseJob;
import care.anxin.alert.dispatch.Dispatcher;
import care.anxin.alert.dispatch.OutboxQueued;
import care.anxin.alert.escalation.EscalationJob;
import care.anxin.alert.rules.ConditionRuleRunner;
import care.anxin.alert.work.PollingWorker;
import care.anxin.store.notify.PgNotificationListener;
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
    PollingWorker eventConsumerWorker(EventConsumer consumer, AlertProperties properties) {
        return new PollingWorker("event-consumer", properties.events().pollInterval(), consumer::runOnce);
    }

    @Bean
    PollingWorker holdReleaseWorker(HoldReleaseJob job, AlertProperties properties) {
        return new PollingWorker("fall-hold", properties.escalation().timerInterval(), job::runOnce);
    }

    @Bean
    PollingWorker escalationWorker(EscalationJob job, AlertProperties properties) {
        return new PollingWorker("escalation", properties.escalation().timerInterval(), job::runOnce);
    }

    @Bean
    PollingWorker dispatcherWorker(Dispatcher dispatcher, AlertProperties properties) {
        return new PollingWorker("dispatcher", properties.dispatch().pollInterval(), dispatcher::runOnce);
    }

    @Bean
    @ConditionalOnProperty(name = "anxin.alert.rules.enabled", havingValue = "true", matchIfMissing = true)
    PollingWorker conditionRuleWorker(ConditionRuleRunner runner, AlertProperties properties) {
        return new PollingWorker("condition-rules", properties.rules().interval(), runner::runOnce);
    }

    /** NOTIFY device_event wakes the consumer; after every (re)connect it polls what it may have missed. */
    @Bean(initMethod = "start", destroyMethod = "close")
    PgNotificationListener deviceEventListener(DataSource dataSource, PollingWorker eventConsumerWorker,
                                               PollingWorker escalationWorker, PollingWorker dispatcherWorker) {
        return new PgNotificationListener(dataSource, "alert-service")
                .listen(NotifyChannel.DEVICE_EVENT, payload -> eventConsumerWorker.wake())
                // Incidents opened and notifications queued by the monitoring service (phone intake, dispatch).
                .listen(NotifyChannel.INCIDENT_TIMER_DUE, payload -> escalationWorker.wake())
                .listen(NotifyChannel.NOTIFICATION_QUEUED, payload -> dispatcherWorker.wake())
                .onConnected(eventConsumerWorker::wake);
    }

    @Bean
    DispatcherWakeup dispatcherWakeup(PollingWorker dispatcherWorker) {
        return new DispatcherWakeup(dispatcherWorker);
    }

    /** Wakes the dispatcher once the transaction that queued notifications has committed. */
    public static class DispatcherWakeup {
        private final PollingWorker worker;

        DispatcherWakeup(PollingWorker worker) {
            this.worker = worker;
        }

        @TransactionalEventListener(fallbackExecution = true)
        public void onQueued(OutboxQueued event) {
            worker.wake();
        }
    }
}
