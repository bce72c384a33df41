package dev.boxoffice.fairuse;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boxoffice.fairuse.FairUseSettings.Limit;
import org.redisson.api.RRateLimiterReactive;
import org.redisson.api.RateType;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.RedisException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The rate limits, kept by Redisson's rate limiters in Redis so every instance counts
 * against the same permits. A limiter is configured on first use and forgotten after an
 * hour without requests, so addresses seen once do not pile up in Redis.
 */
@Component
class RateLimits {

	private static final Duration KEEP_ALIVE = Duration.ofHours(1);

	private final RedissonReactiveClient redisson;

	/** Limiters this instance has configured lately, to skip setting them up again. */
	private final Cache<String, Boolean> configured = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(KEEP_ALIVE.dividedBy(2))
		.build();

	RateLimits(RedissonReactiveClient redisson) {
		this.redisson = redisson;
	}

	/**
	 * Takes one permit of {@code limit} for {@code key}; false when there is none left.
	 */
	Mono<Boolean> tryAcquire(Limit limit, String key) {
		String name = "boxoffice:rate:" + limit.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + key;
		RRateLimiterReactive limiter = this.redisson.getRateLimiter(name);
		Mono<Boolean> setUp = (this.configured.getIfPresent(name) != null) ? Mono.just(true)
				: limiter.trySetRate(RateType.OVERALL, limit.permits(), limit.window(), KEEP_ALIVE)
					.doOnNext((done) -> this.configured.put(name, true));
		return setUp.then(limiter.tryAcquire())
			// Expired between two requests: set up again, once.
			.onErrorResume((failure) -> failure instanceof RedisException
					&& String.valueOf(failure.getMessage()).contains("not initialized"), (notInitialized) -> {
						this.configured.invalidate(name);
						return limiter.trySetRate(RateType.OVERALL, limit.permits(), limit.window(), KEEP_ALIVE)
							.then(limiter.tryAcquire());
					});
	}

}
