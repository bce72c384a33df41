package dev.boxoffice.fairuse;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.boxoffice.DomainError;
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
 * <p>
 * Every 429 leaves through here, so here they are counted
 * ({@code boxoffice.rate.limited}) by the limit that said no: this filter's own
 * ({@code public}, {@code user}, {@code auth}), and the two that the features behind it
 * enforce, an account locked after wrong passwords ({@code login_lockout}) and the cap on
 * seat streams per address ({@code streams}).
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

	private final Map<String, Counter> refused = new LinkedHashMap<>();

	private final PathPattern catalog = pattern(API + "/{resource:theaters|halls|movies|shows}/**");

	private final PathPattern holds = pattern(API + "/shows/{showId}/holds");

	private final PathPattern waitlist = pattern(API + "/shows/{showId}/waitlist");

	private final PathPattern bookings = pattern(API + "/bookings/**");

	private final PathPattern heldOrWaiting = pattern(API + "/{resource:holds|waitlist}/{id}");

	private final PathPattern auth = pattern(API + "/auth/{action:register|login}");

	private final PathPattern login = pattern(API + "/auth/login");

	private final PathPattern seatStream = pattern(API + "/shows/{showId}/seats/stream");

	FairUseFilter(FairUseSettings settings, RateLimits limits, MeterRegistry meters) {
		this.settings = settings;
		this.limits = limits;
		for (String limit : List.of("public", "user", "auth", "login_lockout", "streams")) {
			this.refused.put(limit,
					Counter.builder("boxoffice.rate.limited")
						.description("Requests refused with 429, by limit")
						.tag("limit", limit)
						.register(meters));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return limited(exchange, chain).doOnError(DomainError.class, (failure) -> {
			if (failure.kind() == DomainError.Kind.RATE_LIMITED && !(failure instanceof RateLimited)) {
				countRefusedBehind(exchange.getRequest());
			}
		});
	}

	/**
	 * A 429 from behind this filter: the only limits enforced there are the login lockout
	 * and the stream cap, each on its own path.
	 */
	private void countRefusedBehind(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		if (this.login.matches(path)) {
			this.refused.get("login_lockout").increment();
		}
		else if (this.seatStream.matches(path)) {
			this.refused.get("streams").increment();
		}
	}

	private Mono<Void> limited(ServerWebExchange exchange, WebFilterChain chain) {
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
			this.refused.get(kind.name().toLowerCase(Locale.ROOT)).increment();
			return Mono.error(new RateLimited(limit.retryAfterSeconds()));
		});
	}

	private Limit.Kind classify(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		HttpMethod method = request.getMethod();
		// HEAD is a GET without the body: the same read, under the same limit.
		if ((HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) && this.catalog.matches(path)) {
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
