package care.anxin.alert.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The alert service's own HTTP API (anxin.alert.api): /api/** answers only callers presenting
 * {@code Authorization: Bearer <token>}; with no token configured the API is not exposed at all.
 */
@ConfigurationProperties("anxin.alert.api")
public record AlertApiProperties(String token) {

    public boolean exposed() {
        return token != null && !token.isBlank();
    }
}
