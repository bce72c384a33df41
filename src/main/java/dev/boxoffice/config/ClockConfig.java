package dev.boxoffice.config;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time is a bean so expiry and cut-off rules can be tested without sleeping. */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

	/**
	 * The clock ticks in microseconds, PostgreSQL's precision: a time the service answers
	 * with (a booking's {@code createdAt}) is then the one every later read returns, not
	 * one PostgreSQL rounds when it stores it.
	 */
	public static final Duration TICK = Duration.ofNanos(1_000);

	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), TICK);
	}

}
