package dev.boxoffice.fairuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boxoffice.fairuse.FairUseSettings.Limit;
import org.redisson.api.RRateLimiterReactive;
import org.redisson.api.RateType;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.client.RedisException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.stereotype.Component;

/**
 * The rate limits, kept by Redisson's rate limiters in Redis so every instance counts
 * against the same permits. A limiter is configured on first use and forgotten after an
 * hour without requests, so addresses seen once do not pile up in Redis.
 *
 * <p>
 * Requests of one client that arrive while its previous Redis call is in flight wait for
 * it, then share one call for all of them ({@code tryAcquire(n)}): a page that reads six
 * things at once, or a load tester on 64 connections, costs Redis one round trip per
 * round trip's worth of requests instead of one each, which measured a fifth of the
 * throughput of reads served from memory. Nothing is taken ahead of need, so the limit is
 * exact: when fewer permits are left than a batch asks for, its requests ask one by one.
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

	/** The requests waiting for each limiter's next Redis call. */
	private final Cache<String, Batches> batches = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(1))
		.build();

	RateLimits(RedissonReactiveClient redisson) {
		this.redisson = redisson;
	}

	/**
	 * Takes one permit of {@code limit} for {@code key}; false when there is none left.
	 */
	Mono<Boolean> tryAcquire(Limit limit, String key) {
		String name = "boxoffice:rate:" + limit.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + key;
		Batches waiting = this.batches.get(name,
				(absent) -> new Batches(limit.permits(), (permits) -> acquire(limit, name, permits)));
		return Mono.create(waiting::add);
	}

	private Mono<Boolean> acquire(Limit limit, String name, int permits) {
		RRateLimiterReactive limiter = this.redisson.getRateLimiter(name);
		Mono<Boolean> setUp = (this.configured.getIfPresent(name) != null) ? Mono.just(true)
				: limiter.trySetRate(RateType.OVERALL, limit.permits(), limit.window(), KEEP_ALIVE)
					.doOnNext((done) -> this.configured.put(name, true));
		return setUp.then(limiter.tryAcquire(permits))
			// Expired between two requests: set up again, once.
			.onErrorResume((failure) -> failure instanceof RedisException
					&& String.valueOf(failure.getMessage()).contains("not initialized"), (notInitialized) -> {
						this.configured.invalidate(name);
						return limiter.trySetRate(RateType.OVERALL, limit.permits(), limit.window(), KEEP_ALIVE)
							.then(limiter.tryAcquire(permits));
					});
	}

	/**
	 * One client's requests for permits: at most one Redis call in flight; the requests
	 * that arrive meanwhile go together in the next.
	 */
	private static final class Batches {

		/**
		 * The most one call may ask for: Redisson refuses more than the limit's permits.
		 */
		private final int most;

		private final IntFunction<Mono<Boolean>> permitsFromRedis;

		private List<MonoSink<Boolean>> next = new ArrayList<>();

		private boolean inFlight;

		Batches(int most, IntFunction<Mono<Boolean>> permitsFromRedis) {
			this.most = most;
			this.permitsFromRedis = permitsFromRedis;
		}

		void add(MonoSink<Boolean> request) {
			List<MonoSink<Boolean>> batch;
			synchronized (this) {
				this.next.add(request);
				if (this.inFlight) {
					return;
				}
				batch = take();
			}
			send(batch);
		}

		/** The waiting requests, now in flight. Called holding the lock. */
		private List<MonoSink<Boolean>> take() {
			List<MonoSink<Boolean>> batch = this.next;
			this.next = new ArrayList<>();
			this.inFlight = true;
			return batch;
		}

		private void send(List<MonoSink<Boolean>> batch) {
			Mono<Boolean> answered = (batch.size() > this.most) ? oneByOne(batch)
					: this.permitsFromRedis.apply(batch.size())
						.flatMap(
								(granted) -> (granted || batch.size() == 1) ? answer(batch, granted) : oneByOne(batch));
			answered.subscribe(null, (failure) -> {
				batch.forEach((request) -> request.error(failure));
				sendNext();
			}, () -> {
				// Redis always answers; should it not, nobody waits forever.
				batch.forEach(MonoSink::success);
				sendNext();
			});
		}

		private static Mono<Boolean> answer(List<MonoSink<Boolean>> batch, boolean granted) {
			batch.forEach((request) -> request.success(granted));
			return Mono.just(granted);
		}

		/**
		 * Fewer permits left than the batch wants (or it wants more than the limit has):
		 * the first ones to ask get them.
		 */
		private Mono<Boolean> oneByOne(List<MonoSink<Boolean>> batch) {
			return Flux.fromIterable(batch)
				.flatMap((request) -> this.permitsFromRedis.apply(1).doOnNext(request::success), 8)
				.then(Mono.just(false));
		}

		private void sendNext() {
			List<MonoSink<Boolean>> batch;
			synchronized (this) {
				this.inFlight = false;
				if (this.next.isEmpty()) {
					return;
				}
				batch = take();
			}
			send(batch);
		}

	}

}
