package dev.boxoffice.security;

import java.time.Clock;
import java.util.Map;

import dev.boxoffice.web.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Stateless JWT resource server. Catalog and seat-map reads are public, holds, bookings
 * and the waitlist need a user, catalog writes and {@code /admin/**} need ADMIN.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

	static final String API = "/api/v1";

	/**
	 * Spring Security observes nothing, and so does not wrap each filter of its chain,
	 * nor the authentication and authorization managers, in an observation: a dozen of
	 * them per request, a share of a request's CPU under load, for nothing the request
	 * metrics do not already tell.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemWriter problems) {
		ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> problems.write(exchange,
				new NotAuthenticated());
		ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.write(exchange, new NotAllowed());
		return http
			.securityMatcher(
					new NegatedServerWebExchangeMatcher(new OrServerWebExchangeMatcher(publicReads(), probes())))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			// No saved requests to return to after a login page: the default cache opens
			// a web session on every request, which costs two thread hops and a
			// SecureRandom draw (most of a public read's CPU, measured).
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.pathMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
				.permitAll()
				// The web front's static files; its API calls are checked like any.
				.pathMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/favicon.ico")
				.permitAll()
				.pathMatchers(HttpMethod.POST, API + "/auth/register", API + "/auth/login")
				.permitAll()
				.pathMatchers(API + "/admin/**")
				.hasRole("ADMIN")
				.pathMatchers(HttpMethod.POST, API + "/theaters/**", API + "/movies", API + "/shows")
				.hasRole("ADMIN")
				.pathMatchers(HttpMethod.PUT, API + "/movies/**")
				.hasRole("ADMIN")
				.pathMatchers(HttpMethod.DELETE, API + "/movies/**")
				.hasRole("ADMIN")
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication()))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.build();
	}

	/**
	 * Catalog and seat-map reads and the seat stream are public and carry no identity, so
	 * they skip the security chain altogether: its filters, checkpoints and header
	 * writers were about a sixth of a public read's CPU (measured), and a stale token a
	 * browser still sends cannot turn a public read into a 401. HEAD is the same read
	 * without its body (caches and link checkers send it).
	 */
	static ServerWebExchangeMatcher publicReads() {
		String[] paths = { API + "/theaters", API + "/theaters/**", API + "/halls/**", API + "/movies",
				API + "/movies/**", API + "/shows", API + "/shows/**" };
		return new OrServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, paths),
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, paths));
	}

	/**
	 * Probes and the Prometheus scrape, which only the management port serves: they carry
	 * no identity either, so they skip the chain like public reads, and a probe or
	 * scraper still sending an expired token is answered, not refused with a 401.
	 */
	static ServerWebExchangeMatcher probes() {
		return ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**",
				"/actuator/prometheus", "/actuator/info");
	}

	private static ReactiveJwtAuthenticationConverterAdapter authentication() {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName(TokenIssuer.ROLES_CLAIM);
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(roles);
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}

	/** Requests the firewall refuses get the same problem+json as every other error. */
	@Bean
	ServerExchangeRejectedHandler rejectedExchanges(ProblemWriter problems) {
		return problems::write;
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(JwtSettings settings, Clock clock) {
		return new CachingJwtDecoder(
				NimbusReactiveJwtDecoder.withSecretKey(settings.key()).macAlgorithm(MacAlgorithm.HS256).build(), clock);
	}

	@Bean
	JwtEncoder jwtEncoder(JwtSettings settings) {
		return NimbusJwtEncoder.withSecretKey(settings.key()).algorithm(MacAlgorithm.HS256).build();
	}

	/**
	 * New passwords are hashed as {@code {bcrypt-sha256}} (see {@link PrehashedBcrypt});
	 * hashes stored as plain {@code {bcrypt}} still verify and are replaced at the next
	 * successful login. A password bcrypt cannot read (over 72 bytes) never matches an
	 * old hash instead of failing.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		BCryptPasswordEncoder legacy = new BCryptPasswordEncoder();
		PasswordEncoder tolerantLegacy = new PasswordEncoder() {
			@Override
			public String encode(CharSequence rawPassword) {
				return legacy.encode(rawPassword);
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				return rawPassword.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 72
						&& legacy.matches(rawPassword, encodedPassword);
			}
		};
		return new DelegatingPasswordEncoder("bcrypt-sha256",
				Map.of("bcrypt-sha256", new PrehashedBcrypt(), "bcrypt", tolerantLegacy));
	}

}
