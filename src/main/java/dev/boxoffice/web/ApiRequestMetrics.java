package dev.boxoffice.web;

import java.net.InetSocketAddress;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * {@code http.server.requests} counts the API's requests, not those of the management
 * port (probes and scrapes). Counted, they were most of a quiet instance's requests, and
 * a readiness probe answering 503 while an instance drains or its database is away
 * counted in the 5xx ratio that the dashboard shows and BoxOfficeHigh5xxRate alerts on.
 * Observing them was also about a tenth of a probe's CPU (docs/PERFORMANCE.md).
 */
@Configuration(proxyBeanMethods = false)
class ApiRequestMetrics {

	@Bean
	ObservationPredicate apiRequestsOnly(Environment environment) {
		if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
			// Actuator shares the API's port: there is no management server to leave out.
			return (name, context) -> true;
		}
		ManagementPort management = new ManagementPort(environment);
		return (name, context) -> !(context instanceof ServerRequestObservationContext request)
				|| !management.served(request.getCarrier().getLocalAddress());
	}

	/**
	 * The port the management server listens on, known once it has started (a port of 0
	 * in the settings is chosen then).
	 */
	private static final class ManagementPort {

		private final Environment environment;

		private volatile int port;

		ManagementPort(Environment environment) {
			this.environment = environment;
		}

		boolean served(InetSocketAddress local) {
			if (local == null) {
				return false;
			}
			int known = this.port;
			if (known == 0) {
				known = this.environment.getProperty("local.management.port", Integer.class, 0);
				this.port = known;
			}
			return known > 0 && local.getPort() == known;
		}

	}

}
