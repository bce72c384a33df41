package dev.boxoffice.web;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a
 * new one), returns it in the response and puts it in the Reactor context. Automatic
 * context propagation copies it into the logging MDC, so every log line of the request
 * carries it whichever thread writes it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

	public static final String HEADER = "X-Request-Id";

	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	static final String MDC_KEY = "requestId";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	static {
		// The Reactor context entry "requestId" is the logging MDC entry "requestId" on
		// whichever thread a signal of the request is handled.
		ContextRegistry registry = ContextRegistry.getInstance();
		registry.registerThreadLocalAccessor(MDC_KEY, () -> MDC.get(MDC_KEY), (id) -> MDC.put(MDC_KEY, id),
				() -> MDC.remove(MDC_KEY));
		// Automatic propagation restores every registered thread-local around every
		// signal of every request. Spring Security's and Micrometer's accessors restore
		// state nothing here reads from a thread-local (no code asks
		// SecurityContextHolder, nothing is traced), at a cost measured in percents of
		// each request's CPU; the request id is the one that must follow a request.
		List.copyOf(registry.getThreadLocalAccessors())
			.stream()
			.map(ThreadLocalAccessor::key)
			.filter((key) -> !MDC_KEY.equals(key))
			.forEach(registry::removeThreadLocalAccessor);
	}

	/**
	 * A random UUID from a per-thread generator: a request id needs to be unique, not
	 * unguessable, and {@link UUID#randomUUID()} draws from the shared SecureRandom.
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = (given != null && SANE.matcher(given).matches()) ? given : newId();
		exchange.getAttributes().put(ATTRIBUTE, id);
		exchange.getResponse().getHeaders().set(HEADER, id);
		return chain.filter(exchange).contextWrite((context) -> context.put(MDC_KEY, id));
	}

}
