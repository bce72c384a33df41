package dev.boxoffice.booking;

import java.time.Duration;

import dev.boxoffice.BackgroundLoop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BookingConfig {

	private static final int RETENTION_BATCH = 5_000;

	/** Idempotency keys answer for 24 hours; then they are deleted in batches. */
	@Bean
	BackgroundLoop idempotencyKeyRetention(IdempotencyKeys keys,
			@Value("${boxoffice.retention.interval}") Duration interval) {
		return BackgroundLoop.repeating("Idempotency key retention", interval,
				() -> keys.deleteExpired(RETENTION_BATCH).map((deleted) -> deleted == RETENTION_BATCH),
				Duration.ofSeconds(30));
	}

}
