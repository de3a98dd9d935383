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

    @Test
    void noDeviceIsAskedForMoreThanItsAllowedRate() {
        assertThat(IngestBench.offeredRate(10_000, 18, 1_000)).isEqualTo(10_000);
        assertThat(IngestBench.offeredRate(10_000, 18, 379)).as("fewer devices connected than planned").isEqualTo(6_822);
        assertThat(IngestBench.offeredRate(0, 18, 1_000)).as("max = every device at the ceiling").isEqualTo(18_000);
        assertThat(IngestBench.offeredRate(0, 0, 1_000)).as("no ceiling: flat out").isZero();
        assertThat(IngestBench.offeredRate(5_000, 0, 10)).isEqualTo(5_000);
    }
}
