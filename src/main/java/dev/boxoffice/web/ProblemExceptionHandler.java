package dev.boxoffice.web;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Catches every failure that leaves a handler (and routing failures such as an unknown
 * path) before Spring Boot's default error page does, so all of them become problem+json.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

	private final ProblemWriter writer;

	ProblemExceptionHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		return this.writer.write(exchange, failure);
	}

}
