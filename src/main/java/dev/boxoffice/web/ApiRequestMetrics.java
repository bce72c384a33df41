package dev.boxoffice.web;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * {@code http.server.requests} counts the API's requests, not Actuator's (probes and
 * scrapes). Counted, they were most of a quiet instance's requests, and a readiness probe
 * answering 503 while an instance drains or its database is away counted in the 5xx ratio
 * that the dashboard shows and BoxOfficeHigh5xxRate alerts on. Observing them was also a
 * part of each probe's CPU (docs/PERFORMANCE.md).
 * <p>
 * Told apart by path: the management port serves nothing else, and the API port answers
 * that path with a 404 that nobody needs to count either.
 */
@Configuration(proxyBeanMethods = false)
class ApiRequestMetrics {

	@Bean
	ObservationPredicate apiRequestsOnly(@Value("${management.endpoints.web.base-path:/actuator}") String base) {
		String prefix = base.endsWith("/") ? base : base + "/";
		if (prefix.equals("/")) {
			// Actuator at the root of its own port: its paths cannot be told apart.
			return (name, context) -> true;
		}
		return (name, context) -> !(context instanceof ServerRequestObservationContext request)
				|| !request.getCarrier().getPath().value().startsWith(prefix);
	}

}
