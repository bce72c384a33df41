package dev.boxoffice.web;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a {@link Problem} as {@code application/problem+json}, with the request's id.
 */
@Component
public class ProblemWriter {

	private final ProblemMapper mapper;

	private final JsonMapper json;

	ProblemWriter(ProblemMapper mapper, JsonMapper json) {
		this.mapper = mapper;
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, Throwable failure) {
		Problem problem = this.mapper.map(failure);
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		problem.members().put("instance", exchange.getRequest().getPath().value());
		String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.members().put("requestId", requestId);
		}
		response.setStatusCode(problem.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		Object retryAfter = problem.members().remove("retryAfterSeconds");
		if (retryAfter != null) {
			response.getHeaders().set("Retry-After", retryAfter.toString());
		}
		byte[] body = this.json.writeValueAsBytes(problem.members());
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
