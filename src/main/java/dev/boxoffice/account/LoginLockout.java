package dev.boxoffice.account;

import java.time.Duration;
import java.util.Locale;

import dev.boxoffice.fairuse.FairUseSettings;
import org.redisson.api.RRateLimiterReactive;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Wrong passwords per account, across instances: a Redisson rate limiter with
 * {@code BOXOFFICE_RATE_LOGIN_FAILURES} permits per {@code BOXOFFICE_RATE_LOGIN_WINDOW}.
 * Every attempt takes one and a successful one gives it back, so failures are what use
 * them up. With none left the account is locked, for a right password too, until the
 * oldest failure leaves the window. Unknown emails count the same, so a lock says nothing
 * about whether an account exists.
 */
@Component
class LoginLockout {

	private final RedissonReactiveClient redisson;

	private final RedissonClient client;

	private final FairUseSettings settings;

	LoginLockout(RedissonReactiveClient redisson, RedissonClient client, FairUseSettings settings) {
		this.redisson = redisson;
		this.client = client;
		this.settings = settings;
	}

	/**
	 * Takes one attempt from the account's allowance before its password is checked, so
	 * parallel guesses cannot all slip past a check that the others have not yet failed;
	 * fails with {@link TooManyAttempts} when none is left.
	 */
	Mono<Void> attempt(String email) {
		if (!this.settings.limitsEnabled()) {
			return Mono.empty();
		}
		return ready(limiter(email)).flatMap(RRateLimiterReactive::tryAcquire)
			.flatMap((allowed) -> allowed ? Mono.<Void>empty()
					: Mono.error(new TooManyAttempts(this.settings.loginWindow().toSeconds())));
	}

	/** A right password gives its attempt back: only failures count. */
	Mono<Void> succeeded(String email) {
		if (!this.settings.limitsEnabled()) {
			return Mono.empty();
		}
		// The reactive API has no release; the async one does.
		return Mono.fromCompletionStage(() -> this.client.getRateLimiter(name(email)).releaseAsync(1));
	}

	private RRateLimiterReactive limiter(String email) {
		return this.redisson.getRateLimiter(name(email));
	}

	private static String name(String email) {
		return "boxoffice:login-failures:" + email.trim().toLowerCase(Locale.ROOT);
	}

	/** Sets the limiter up when it is new or has expired; idle for a window, it goes. */
	private Mono<RRateLimiterReactive> ready(RRateLimiterReactive limiter) {
		Duration window = this.settings.loginWindow();
		return limiter.trySetRate(RateType.OVERALL, this.settings.loginFailures(), window, window).thenReturn(limiter);
	}

}
