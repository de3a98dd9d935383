package care.anxin.monitoring.security;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.ApiKeyRepository;
import care.anxin.store.console.LoginThrottleRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
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
 * static pages, health and the OpenAPI description are public. Row-level scoping is not done here
 * but by {@link care.anxin.store.console.ViewerScope} in every query.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The only authentication manager: form login and HTTP Basic both go through the throttle. */
    @Bean
    AuthenticationManager authenticationManager(AccountDetailsService accounts, PasswordEncoder encoder,
            LoginThrottleRepository throttle, MonitoringProperties properties, MeterRegistry meters) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottlingAuthenticationProvider(dao, throttle, properties.login(), meters));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
            LoginResponses responses, ApiKeyRepository apiKeys, ProblemResponses problems, ObjectMapper json)
            throws Exception {
        CookieCsrfTokenRepository csrfRepository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfRepository.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Lax"));
        // Plain (not XOR-masked) tokens: the console echoes the cookie value in the header.
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        RequestMatcher api = new AntPathRequestMatcher("/api/**");
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        // Completion of async (SSE) requests and error pages were authorized on the way in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // A responder's SMS link: its token is the credential (one dispatch, until done or expired).
                        .requestMatchers("/api/v1/responder/links/**", "/api/v1/catalogue").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/responder/dispatches/**").hasRole("RESPONDER")
                        .requestMatchers("/api/**").authenticated()
                        // The console's static pages, Swagger UI and the OpenAPI document carry no data.
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfRepository).csrfTokenRequestHandler(csrfHandler)
                        .ignoringRequestMatchers(SecurityConfiguration::authorizationHeader))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .addFilterAfter(OutsiderAccess.filter(problems), AuthorizationFilter.class)
                .addFilterBefore(new JsonLoginBodyFilter(json), CsrfFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), BasicAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .successHandler(responses.success()).failureHandler(responses.failure()).permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(responses.apiEntryPoint()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(responses.logout()))
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
