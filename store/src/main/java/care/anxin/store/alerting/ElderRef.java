package care.anxin.store.alerting;

import java.util.List;

/** The elder facts the alert rules need; carePlan is the JSON text of elder.care_plan. */
public record ElderRef(long id, long organizationId, String name, String phone, String address,
                       List<String> conditions, String carePlan) {
}
