package care.anxin.monitoring.security;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.ApiKeyRepository;
import care.anxin.monitoring.audit.AuditTrail;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import care.anxin.monitoring.helpcenter.MapProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Console: form login, session cookie, CSRF token in the XSRF-TOKEN cookie sent
 * back in X-XSRF-TOKEN. Scripts and partners: HTTP Basic or an API key as Bearer token, no session
 * and no CSRF. Data lives only under /api (authenticated, /api/v1/admin for admins); the console's
 * static pages, health and the OpenAPI description are public. Every response carries the security
 * headers (CSP without inline scripts, nosniff, Referrer-Policy, no framing); bodies are capped; a
 * session guard ends sessions of disabled users and enforces temporary-password changes. Row-level scoping is not done here
 * but by {@link care.anxin.store.console.ViewerScope} in every query.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * Scripts are same-origin modules only (no inline script, no eval); styles may be set inline by the
     * chart library; nothing may frame the console.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The only authentication manager: form login and HTTP Basic both go through the throttle. */
    @Bean
    AuthenticationManager authenticationManager(AccountDetailsService accounts, PasswordEncoder encoder,
            LoginThrottle throttle, AuditTrail audit, SessionValidity sessions, MonitoringProperties properties,
            MeterRegistry meters) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottlingAuthenticationProvider(dao, throttle, audit, sessions,
                properties.login(), meters));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
            LoginResponses responses, ApiKeyRepository apiKeys, ProblemResponses problems, ObjectMapper json,
            SessionValidity sessions, MonitoringProperties properties, AuditTrail audit, MapProperties map)
            throws Exception {
        CookieCsrfTokenRepository csrfRepository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfRepository.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Lax"));
        // Plain (not XOR-masked) tokens: the console echoes the cookie value in the header.
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        RequestMatcher api = new org.springframework.security.web.util.matcher.OrRequestMatcher(
                new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/fhir/**"));
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        // Completion of async (SSE) requests and error pages were authorized on the way in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        // Health for load balancers; metrics and the rest only for admins (docs/operations.md).
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/session").permitAll()
                        // A responder's SMS link: its token is the credential (one dispatch, until done or expired).
                        .requestMatchers("/api/v1/responder/links/**", "/api/v1/catalogue").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/responder/dispatches/**").hasRole("RESPONDER")
                        .requestMatchers("/api/**", "/fhir/**").authenticated()
                        // The console's static pages, Swagger UI and the OpenAPI document carry no data.
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfRepository).csrfTokenRequestHandler(csrfHandler)
                        .ignoringRequestMatchers(SecurityConfiguration::authorizationHeader))
                .addFilterBefore(new RequestBodyLimitFilter(properties.limits().maxRequestBody().toBytes(), problems),
                        DisableEncodeUrlFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .addFilterAfter(OutsiderAccess.filter(problems), AuthorizationFilter.class)
                .addFilterBefore(new JsonLoginBodyFilter(json, (int) properties.limits().maxLoginBody().toBytes()),
                        CsrfFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new SessionGuardFilter(sessions, properties.session().absoluteTimeout(), problems),
                        BasicAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY.replace(
                                "img-src 'self' data: blob:", "img-src 'self' data: blob: " + map.tileSource())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .successHandler(responses.success()).failureHandler(responses.failure()).permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(responses.apiEntryPoint()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(responses.logout())
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof AnxinPrincipal p) {
                                audit.logout(p);
                            }
                        }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(responses.apiEntryPoint(), api)
                        .accessDeniedHandler(responses.accessDenied()));
        return http.build();
    }

    /** Requests carrying their own credentials (Basic or Bearer) cannot be forged cross-site: no CSRF token. */
    private static boolean authorizationHeader(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && (header.regionMatches(true, 0, "Basic ", 0, 6)
                || header.regionMatches(true, 0, "Bearer ", 0, 7));
    }
}
