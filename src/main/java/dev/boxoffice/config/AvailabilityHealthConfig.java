package dev.boxoffice.config;

import reactor.core.publisher.Mono;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Liveness and readiness state answered from memory on the probe's own thread. Spring
 * Boot's state indicators are blocking ones, which the reactive health endpoint runs on
 * the bounded-elastic scheduler: two thread hops per probe, which made a liveness probe
 * cost more than a seat map. Same names and same statuses as Spring Boot's, so they
 * replace them in the probe groups.
 */
@Configuration(proxyBeanMethods = false)
class AvailabilityHealthConfig {

	@Bean
	ReactiveHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
		return () -> Mono.just((availability.getLivenessState() == LivenessState.CORRECT) ? Health.up().build()
				: Health.down().build());
	}

	@Bean
	ReactiveHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
		return () -> Mono.just((availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC)
				? Health.up().build() : Health.outOfService().build());
	}

}
