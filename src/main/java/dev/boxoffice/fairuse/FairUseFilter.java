package dev.boxoffice.fairuse;

import java.net.InetSocketAddress;
import java.security.Principal;

import dev.boxoffice.fairuse.FairUseSettings.Limit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The rate limits of API.md's Fair use section, applied after authentication so a user's
 * limit follows the user across addresses and instances: public reads and seat-stream
 * opens per client address, holds, bookings and waiting-list entries per user,
 * registration and login per client address. A refused request answers 429
 * {@code RATE_LIMITED} with {@code Retry-After} and does nothing.
 */
@Component
class FairUseFilter implements WebFilter, Ordered {

	/**
	 * Right after Spring Security's chain, which runs at -100, so the caller is known.
	 */
	static final int ORDER = 0;

	private static final String API = "/api/v1";

	private final FairUseSettings settings;

	private final RateLimits limits;

	private final MeterRegistry meters;

	private final PathPattern catalog = pattern(API + "/{resource:theaters|halls|movies|shows}/**");

	private final PathPattern holds = pattern(API + "/shows/{showId}/holds");

	private final PathPattern waitlist = pattern(API + "/shows/{showId}/waitlist");

	private final PathPattern bookings = pattern(API + "/bookings/**");

	private final PathPattern heldOrWaiting = pattern(API + "/{resource:holds|waitlist}/{id}");

	private final PathPattern auth = pattern(API + "/auth/{action:register|login}");

	FairUseFilter(FairUseSettings settings, RateLimits limits, MeterRegistry meters) {
		this.settings = settings;
		this.limits = limits;
		this.meters = meters;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.settings.limitsEnabled()) {
			return chain.filter(exchange);
		}
		Limit.Kind kind = classify(exchange.getRequest());
		if (kind == null) {
			return chain.filter(exchange);
		}
		Limit limit = this.settings.limit(kind);
		Mono<String> key = (kind == Limit.Kind.USER) ? exchange.getPrincipal().map(Principal::getName)
				: Mono.justOrEmpty(clientAddress(exchange.getRequest()));
		return key.flatMap((who) -> this.limits.tryAcquire(limit, who)).defaultIfEmpty(true).flatMap((allowed) -> {
			if (allowed) {
				return chain.filter(exchange);
			}
			Counter.builder("boxoffice.rate.limited")
				.description("Requests refused by a rate limit or cap")
				.tag("limit", kind.name().toLowerCase(java.util.Locale.ROOT))
				.register(this.meters)
				.increment();
			return Mono.error(new RateLimited(limit.retryAfterSeconds()));
		});
	}

	private Limit.Kind classify(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		HttpMethod method = request.getMethod();
		if (HttpMethod.GET.equals(method) && this.catalog.matches(path)) {
			return Limit.Kind.PUBLIC;
		}
		if (HttpMethod.POST.equals(method) && this.auth.matches(path)) {
			return Limit.Kind.AUTH;
		}
		boolean write = HttpMethod.POST.equals(method) || HttpMethod.DELETE.equals(method);
		if (write && (this.holds.matches(path) || this.waitlist.matches(path) || this.bookings.matches(path)
				|| this.heldOrWaiting.matches(path))) {
			return Limit.Kind.USER;
		}
		return null;
	}

	/**
	 * The client's address, as resolved from trusted proxies (see web.TrustedProxies).
	 */
	static String clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	private static PathPattern pattern(String pattern) {
		return PathPatternParser.defaultInstance.parse(pattern);
	}

}
