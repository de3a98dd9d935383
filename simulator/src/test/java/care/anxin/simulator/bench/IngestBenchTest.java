package care.anxin.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestBenchTest {

    @Test
    void theDatabaseCpuIsMeasuredOnlyForADatabaseOnThisMachine() {
        assertThat(IngestBench.databasePort("jdbc:postgresql://127.0.0.1:55432/anxin")).contains(55432);
        assertThat(IngestBench.databasePort("jdbc:postgresql://localhost/anxin?sslmode=disable")).contains(5432);
        assertThat(IngestBench.databasePort("jdbc:postgresql://db.example.org:5432/anxin")).isEmpty();
    }
}
