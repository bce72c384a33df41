package dev.boxoffice.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.context.ContextRegistry;
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
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(MDC_KEY, () -> MDC.get(MDC_KEY), (id) -> MDC.put(MDC_KEY, id),
					() -> MDC.remove(MDC_KEY));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = (given != null && SANE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		exchange.getAttributes().put(ATTRIBUTE, id);
		exchange.getResponse().getHeaders().set(HEADER, id);
		return chain.filter(exchange).contextWrite((context) -> context.put(MDC_KEY, id));
	}

}
