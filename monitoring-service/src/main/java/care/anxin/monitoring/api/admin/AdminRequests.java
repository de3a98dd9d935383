package care.anxin.monitoring.api.admin;

import care.anxin.store.console.Role;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the admin endpoints (docs/api.md). */
public final class AdminRequests {

    private AdminRequests() {
    }

    /** parentId defaults to the admin's own organization. */
    public record NewOrganization(Long parentId,
            @NotBlank @Pattern(regexp = "CITY|DISTRICT|STREET|COMMUNITY_CENTER|MEDICAL_PARTNER|OPERATOR") String kind,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+") String code,
            @NotBlank @Size(max = 200) String name, @Size(max = 200) String nameEn, @Size(max = 40) String phone,
            @Size(max = 500) String address) {
    }

    public record NewUser(@NotNull Long organizationId,
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+") String username,
            @NotBlank @Size(max = 100) String displayName, @NotBlank @Size(min = 8, max = 200) String password,
            @NotNull Role role, @Size(max = 40) String phone, @Pattern(regexp = "zh-CN|en") String locale) {
    }

    public record Zone(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                       @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                       @NotNull @Positive @DecimalMax("100000") Double radiusM) {
    }

    public record ContactBody(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 40) String relation,
                              @NotBlank @Size(max = 40) String phone) {
    }

    public record ElderBody(@NotNull Long organizationId, @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "F|M") String gender, @NotNull @Past LocalDate birthDate,
            @Size(max = 40) String phone, @Size(max = 500) String address,
            List<@NotBlank @Size(max = 100) String> conditions, @Valid Zone home, JsonNode carePlan,
            List<@Valid ContactBody> contacts) {
    }

    public record Travel(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                         @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                         @NotNull @Positive @DecimalMax("100000") Double radiusM,
                         @NotBlank @Size(max = 100) String city, @NotNull @Future Instant until) {
    }

    public record DoctorContract(@NotNull Long elderId, @NotNull Long doctorUserId, LocalDate validFrom,
                                 LocalDate validTo) {
    }

    public record NewDevice(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{3,64}") String id,
                            @NotBlank @Pattern(regexp = "HANDSET|WRISTBAND|PENDANT") String kind,
                            @NotNull Long organizationId, Long elderId, @Size(max = 100) String model) {
    }

    public record Bind(@NotNull Long elderId) {
    }

    public record Endpoint(@NotNull Long organizationId, @NotBlank @Pattern(regexp = "WEBHOOK|SMS|FHIR") String channel,
                           @NotBlank @Size(max = 100) String name,
                           @NotBlank @Size(max = 1000) @Pattern(regexp = "https?://.+") String url,
                           @Size(max = 200) String secret, @Size(max = 40) String phone) {
    }

    public record Policy(@NotNull Long organizationId,
                         @NotBlank @Size(max = 64) @Pattern(regexp = "\\*|[A-Z_0-9]+") String alertKind,
                         @NotBlank @Size(max = 100) String name, @NotNull JsonNode steps) {
    }

    public record NewApiKey(@NotBlank @Size(max = 100) String name, @NotNull Role role, @NotNull Long organizationId) {
    }

    public record Created(long id) {
    }

    public record CreatedWithSecret(String id, String secret) {
    }

    public record CreatedKey(long id, String key) {
    }

    public record DeviceRef(String id) {
    }
}
