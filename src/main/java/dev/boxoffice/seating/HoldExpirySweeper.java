package dev.boxoffice.seating;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Redis frees an expired seat by itself; this sweeper is how the service learns of it, so
 * the release can be announced. It survives restarts (the expiry index lives in Redis)
 * and runs on every instance: the atomic claim in {@link SeatHolds#claimExpired} makes
 * each expiry announced once however many instances sweep.
 */
@Component
class HoldExpirySweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HoldExpirySweeper.class);

	private static final int BATCH = 500;

	private final HoldService holds;

	private final HoldSettings settings;

	private volatile Disposable running;

	HoldExpirySweeper(HoldService holds, HoldSettings settings) {
		this.holds = holds;
		this.settings = settings;
	}

	@Override
	public void start() {
		this.running = Flux.interval(this.settings.sweepInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> this.holds.sweepExpired(BATCH).onErrorResume((failure) -> {
				log.warn("Sweeping expired holds failed; retrying on the next tick", failure);
				return Mono.just(0);
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
