package care.anxin.alert.escalation;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.IncidentStatus;
import care.anxin.domain.incident.Severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.alert.config.AlertProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void documentedShapeParsesAndSortsByTime() throws Exception {
        String json = """
                [{"afterSeconds":900,"unless":"RESOLVED","targets":[{"type":"PARTNER"}]},
                 {"afterSeconds":0,"targets":[{"type":"ORGANIZATION","up":0}]},
                 {"afterSeconds":60,"unless":"ACKNOWLEDGED","repeatEverySeconds":60,
                  "targets":[{"type":"ORGANIZATION","organizationKind":"DISTRICT"},{"type":"CONTACTS"}]}]""";
        EscalationPolicy policy = new EscalationPolicy("test", mapper.readValue(json, new TypeReference<List<EscalationPolicy.Step>>() { }));
        assertThat(policy.steps()).extracting(EscalationPolicy.Step::afterSeconds).containsExactly(0, 60, 900);
        assertThat(policy.steps().get(1).targets().get(0).organizationKind()).isEqualTo("DISTRICT");
        assertThat(policy.steps().get(1).appliesTo(IncidentStatus.ACKNOWLEDGED)).isFalse();
        assertThat(policy.steps().get(2).appliesTo(IncidentStatus.ACKNOWLEDGED)).isTrue();
        assertThat(policy.reminderStep(1)).isEqualTo(-1);
        assertThat(policy.reminderStep(2)).isEqualTo(1);
        assertThat(policy.reminderStep(3)).isEqualTo(1);
    }

    @Test
    void invalidStepsAreRejected() {
        assertThatThrownBy(() -> mapper.readValue("[{\"afterSeconds\":0,\"targets\":[{\"type\":\"PIGEON\"}]}]",
                new TypeReference<List<EscalationPolicy.Step>>() { })).hasMessageContaining("PIGEON");
        assertThatThrownBy(() -> mapper.readValue("[{\"afterSeconds\":0,\"unless\":\"MAYBE\"}]",
                new TypeReference<List<EscalationPolicy.Step>>() { })).hasMessageContaining("unless");
    }

    @Test
    void builtInDefaults() {
        DefaultPolicies defaults = new DefaultPolicies(new AlertProperties(null, null, null, null, null, null, null).escalation());
        EscalationPolicy sos = defaults.forIncident(IncidentKind.SOS, Severity.CRITICAL);
        assertThat(sos.steps()).extracting(EscalationPolicy.Step::afterSeconds).containsExactly(0, 60, 900);
        assertThat(sos.steps().get(1).repeatEverySeconds()).isEqualTo(60);
        assertThat(defaults.forIncident(IncidentKind.VITAL_HR, Severity.HIGH).steps()).hasSize(2);
        assertThat(defaults.forIncident(IncidentKind.LOW_BATTERY, Severity.LOW).steps()).hasSize(1);
    }
}
