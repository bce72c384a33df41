package dev.boxoffice.live;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.DomainError;
import org.redisson.api.RPermitExpirableSemaphoreReactive;
import org.redisson.api.RedissonReactiveClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code BOXOFFICE_MAX_STREAMS_PER_CLIENT} open seat streams per client address,
 * however many instances serve them: a Redisson semaphore per address whose permits are
 * leased, and renewed while the stream lives. A permit of an instance that died runs out
 * with its lease, so a crash never leaves a client locked out. 0 means no cap.
 */
@Component
class StreamSlots {

	/**
	 * How long a permit lives without renewal: a crashed instance's streams are freed
	 * after it.
	 */
	static final Duration LEASE = Duration.ofSeconds(60);

	private static final Duration RENEW_EVERY = LEASE.dividedBy(3);

	private final RedissonReactiveClient redisson;

	private final int maxPerClient;

	StreamSlots(RedissonReactiveClient redisson,
			@Value("${boxoffice.live.max-streams-per-client:8}") int maxPerClient) {
		this.redisson = redisson;
		this.maxPerClient = maxPerClient;
	}

	/**
	 * {@code stream}, once the client has a slot for it: the slot is held (and renewed)
	 * while the stream runs and given back when it ends, however it ends.
	 */
	<T> Flux<T> withSlot(String client, Flux<T> stream) {
		if (this.maxPerClient <= 0 || client == null) {
			return stream;
		}
		RPermitExpirableSemaphoreReactive slots = this.redisson
			.getPermitExpirableSemaphore("boxoffice:streams:" + client);
		return slots.trySetPermits(this.maxPerClient)
			.then(slots.tryAcquire(0, LEASE.toMillis(), TimeUnit.MILLISECONDS))
			.switchIfEmpty(Mono.error(TooManyStreams::new))
			.flatMapMany((permit) -> stream
				// Renewed until the stream ends, however it ends: a stream the server
				// ends (on shutdown) must complete, not wait for the renewals.
				.publish((shared) -> Flux.merge(shared,
						Flux.interval(RENEW_EVERY)
							.concatMap((tick) -> slots.updateLeaseTime(permit, LEASE.toMillis(), TimeUnit.MILLISECONDS))
							.takeUntilOther(shared.then())
							.then(Mono.<T>empty())))
				.doFinally((signal) -> slots.release(permit).onErrorComplete().subscribe()));
	}

	/** Too many streams open from one client address. */
	static final class TooManyStreams extends DomainError {

		TooManyStreams() {
			super(Kind.RATE_LIMITED, "RATE_LIMITED", "Too many seat streams are open from this address");
			with("retryAfterSeconds", 5);
		}

	}

}
