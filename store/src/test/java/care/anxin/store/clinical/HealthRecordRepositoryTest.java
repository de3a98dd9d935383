package care.anxin.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.clinical.HealthRecord.Condition;
import care.anxin.store.test.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Follow-ups fall due by the calendar the caller passes (the care center's), never by the
 * database server's own day: between 00:00 and 08:00 in Beijing a server in UTC is still on yesterday.
 */
class HealthRecordRepositoryTest {

    @Test
    void aConditionWithoutADateIsDueItsIntervalAfterTheCallersTodayAndAnEditKeepsThePlannedDate() {
        DataSource ds = TestDatabase.newMigratedDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        long center = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('COMMUNITY_CENTER','cc','中心') RETURNING id", Long.class);
        long doctor = jdbc.queryForObject("INSERT INTO app_user(organization_id, username, display_name, password_hash, role) VALUES (?, 'doc01', '李医生', 'x', 'DOCTOR') RETURNING id", Long.class, center);
        long elder = jdbc.queryForObject("INSERT INTO elder(organization_id, name, birth_date) VALUES (?, '李奶奶', '1940-03-01') RETURNING id", Long.class, center);
        HealthRecordRepository records = new HealthRecordRepository(new NamedParameterJdbcTemplate(ds));
        // A day the database's CURRENT_DATE cannot be, so only the passed calendar can produce the result.
        LocalDate careDay = LocalDate.of(2031, 12, 1);

        records.replace(record(elder, 90), doctor, careDay);
        assertThat(records.conditions(elder)).singleElement()
                .extracting(Condition::nextFollowUp).isEqualTo(LocalDate.of(2032, 2, 29));

        records.replace(record(elder, 30), doctor, careDay.plusDays(5));
        assertThat(records.conditions(elder)).singleElement().as("an edit keeps the planned date")
                .extracting(Condition::nextFollowUp).isEqualTo(LocalDate.of(2032, 2, 29));
    }

    private static HealthRecord record(long elder, int followUpDays) {
        return new HealthRecord(elder, "A", "MILD", List.of(), null,
                List.of(new Condition("I10", "原发性高血压", null, followUpDays, null)), List.of(), null, null);
    }
}
