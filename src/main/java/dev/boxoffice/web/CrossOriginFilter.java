package dev.boxoffice.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Cross-origin calls to the API and the seat stream, from the origins in
 * {@code BOXOFFICE_CORS_ORIGINS} only. It runs before security, so a preflight needs no
 * token, and is cached by browsers for an hour. A call from any other origin is refused
 * with 403 {@code ORIGIN_NOT_ALLOWED} before it does anything. Tokens travel in the
 * {@code Authorization} header, never in cookies, so credentials are not allowed.
 * <p>
 * A page served by this service (the web front at {@code /}) is not cross-origin: its
 * {@code Origin} names the host the request was sent to. The scheme is not compared,
 * because a proxy that ends TLS forwards {@code https} calls over {@code http}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class CrossOriginFilter implements WebFilter {

	static final Duration PREFLIGHT_CACHED = Duration.ofHours(1);

	private final CorsConfiguration allowed;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ProblemWriter problems;

	CrossOriginFilter(@Value("${boxoffice.cors-origins}") List<String> origins, ProblemWriter problems) {
		this.problems = problems;
		this.allowed = new CorsConfiguration();
		origins.stream().map(String::trim).filter((origin) -> !origin.isEmpty()).forEach((origin) -> {
			if (!"*".equals(origin) && !origin.matches("https?://[^/?#\\s]+")) {
				throw new IllegalStateException("BOXOFFICE_CORS_ORIGINS: '" + origin
						+ "' is not an origin like https://app.example.com (scheme, host and port only)");
			}
			this.allowed.addAllowedOrigin(origin);
		});
		this.allowed.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
		this.allowed.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
				"Last-Event-ID", RequestIdFilter.HEADER));
		this.allowed.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, RequestIdFilter.HEADER));
		this.allowed.setAllowCredentials(false);
		this.allowed.setMaxAge(PREFLIGHT_CACHED);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String origin = request.getHeaders().getOrigin();
		if (origin == null || !request.getPath().value().startsWith("/api/") || fromThisHost(origin, request)) {
			return chain.filter(exchange);
		}
		if (!this.processor.process(this.allowed, exchange)) {
			return this.problems.write(exchange, new OriginNotAllowed(origin));
		}
		return CorsUtils.isPreFlightRequest(request) ? exchange.getResponse().setComplete() : chain.filter(exchange);
	}

	private static boolean fromThisHost(String origin, ServerHttpRequest request) {
		String host = request.getHeaders().getFirst(HttpHeaders.HOST);
		if (host == null) {
			return false;
		}
		try {
			URI from = URI.create(origin);
			return from.getRawAuthority() != null && from.getRawAuthority().equalsIgnoreCase(host);
		}
		catch (IllegalArgumentException malformed) {
			return false;
		}
	}

}
