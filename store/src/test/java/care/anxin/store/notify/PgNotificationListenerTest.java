package care.anxin.store.notify;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.test.TestDatabase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class PgNotificationListenerTest {

    @Test
    void deliversAlertChangedPayloadsAndRunsCatchUpOnConnect() throws Exception {
        DataSource ds = TestDatabase.newMigratedDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        var payloads = new LinkedBlockingQueue<String>();
        var connected = new CountDownLatch(1);
        try (var listener = new PgNotificationListener(ds, "test")) {
            listener.listen(NotifyChannel.ALERT_CHANGED, payloads::add).onConnected(connected::countDown).start();
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();

            long org = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('COMMUNITY_CENTER','cc','中心') RETURNING id", Long.class);
            long elder = jdbc.queryForObject("INSERT INTO elder(organization_id, name, birth_date) VALUES (?, '张爷爷', '1938-05-02') RETURNING id", Long.class, org);
            long alert = jdbc.queryForObject("""
                    INSERT INTO alert(elder_id, organization_id, kind, severity, status, title, first_event_at, last_event_at)
                    VALUES (?, ?, 'SOS', 'CRITICAL', 'OPEN', 'SOS', now(), now()) RETURNING id""", Long.class, elder, org);

            // "alertId,orgId,kind" (V41): the kind lets listeners put urgent incidents first.
            assertThat(payloads.poll(10, TimeUnit.SECONDS)).isEqualTo(alert + "," + org + ",SOS");
        }
    }
}
