package dev.boxoffice.seating;

import java.time.Duration;

import dev.boxoffice.BackgroundLoop;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SeatingConfig {

	static final int SWEEP_BATCH = 500;

	/**
	 * Redis frees an expired seat by itself; this sweep is how the service learns of it,
	 * so the release can be announced. It survives restarts (the expiry index lives in
	 * Redis) and runs on every instance: the atomic claim in
	 * {@link SeatHolds#claimExpired} makes each expiry announced once however many
	 * instances sweep.
	 */
	@Bean
	BackgroundLoop holdExpirySweep(HoldService holds, HoldSettings settings) {
		return BackgroundLoop.repeating("Hold expiry sweep", settings.sweepInterval(),
				() -> holds.sweepExpired(SWEEP_BATCH).map((released) -> released == SWEEP_BATCH),
				Duration.ofSeconds(10));
	}

}
