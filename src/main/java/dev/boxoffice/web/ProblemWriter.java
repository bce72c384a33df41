package dev.boxoffice.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a {@link Problem} as {@code application/problem+json}, with the request's id.
 */
@Component
public class ProblemWriter {

	private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);

	private final ProblemMapper mapper;

	private final JsonMapper json;

	ProblemWriter(ProblemMapper mapper, JsonMapper json) {
		this.mapper = mapper;
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, Throwable failure) {
		Problem problem = this.mapper.map(failure);
		String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
		logServerSide(problem, failure, requestId);
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		problem.members().put("instance", exchange.getRequest().getPath().value());
		if (requestId != null) {
			problem.members().put("requestId", requestId);
		}
		response.setStatusCode(problem.status());
		if (failure instanceof ResponseStatusException status) {
			// What the status needs to be acted on: Allow with a 405, Accept with a 415.
			response.getHeaders().addAll(status.getHeaders());
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		Object retryAfter = problem.members().remove("retryAfterSeconds");
		if (retryAfter != null) {
			response.getHeaders().set("Retry-After", retryAfter.toString());
		}
		byte[] body = this.json.writeValueAsBytes(problem.members());
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer))
			.onErrorResume(IllegalStateException.class, (answered) -> problem.status().is4xxClientError()
					? alreadyAnswered(exchange, answered) : Mono.error(answered));
	}

	/**
	 * Reactor Netty answers some broken requests itself (a body it cannot decode: 400)
	 * before the problem reaches here, and the write then finds the answer sent. The
	 * client's mistake was answered: nothing for an operator.
	 */
	private static Mono<Void> alreadyAnswered(ServerWebExchange exchange, IllegalStateException answered) {
		log.debug("{} {} was answered by the server before its problem: {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), answered.getMessage());
		return Mono.empty();
	}

	/**
	 * Server-side failures are logged once, here, with the request id in the log's MDC:
	 * this runs outside the request's Reactor context, so it is put there by hand.
	 */
	private static void logServerSide(Problem problem, Throwable failure, String requestId) {
		if (!problem.status().is5xxServerError()) {
			return;
		}
		try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdFilter.MDC_KEY, requestId)) {
			if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
				log.warn("Backing service too slow, answered 503: {}", failure.toString());
			}
			else {
				log.error("Unexpected failure", failure);
			}
		}
	}

}
