package care.anxin.domain.vital;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VitalSignTest {

    @Test
    void catalogueMatchesTheProtocolTable() {
        assertThat(VitalSign.HR.loinc()).isEqualTo("8867-4");
        assertThat(VitalSign.SPO2.ucum()).isEqualTo("%");
        assertThat(VitalSign.SBP.ucum()).isEqualTo("mm[Hg]");
        assertThat(VitalSign.TEMP.ucum()).isEqualTo("Cel");
        assertThat(VitalSign.GLU.loinc()).isEqualTo("15074-8");
        assertThat(VitalSign.STEPS.plausibleMax()).isEqualTo(100000);
        assertThat(VitalSign.RR.plausibleMin()).isEqualTo(4);
        assertThat(VitalSign.HR.nameZh()).isEqualTo("心率");
        assertThat(VitalSign.HR.nameEn()).isEqualTo("heart rate");
        assertThat(VitalSign.HR.plausible(250)).isTrue();
        assertThat(VitalSign.HR.plausible(250.1)).isFalse();
    }

    @Test
    void lookupByCode() {
        for (VitalSign sign : VitalSign.values()) {
            assertThat(VitalSign.fromCode(sign.code())).contains(sign);
        }
        assertThat(VitalSign.fromCode("hr")).isEmpty();
        assertThat(VitalSign.fromCode(null)).isEmpty();
    }
}
