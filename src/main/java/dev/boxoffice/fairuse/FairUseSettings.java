package dev.boxoffice.fairuse;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code boxoffice.rate.*}, the {@code BOXOFFICE_RATE_*} variables: how fast one client
 * address may read and open seat streams, how fast one user may hold and book, how often
 * one address may register or log in, and how many wrong passwords lock an account for a
 * while. {@code BOXOFFICE_RATE_LIMITS_ENABLED=false} turns all of them off (load tests
 * that drive thousands of users from one address).
 */
@ConfigurationProperties("boxoffice.rate")
public record FairUseSettings(boolean limitsEnabled, int publicPerSecond, int publicBurst, int userPerSecond,
		int userBurst, int authPerMinute, int loginFailures, Duration loginWindow) {

	public FairUseSettings {
		if (limitsEnabled) {
			positive("BOXOFFICE_RATE_PUBLIC_PER_SECOND", publicPerSecond);
			positive("BOXOFFICE_RATE_PUBLIC_BURST", publicBurst);
			positive("BOXOFFICE_RATE_USER_PER_SECOND", userPerSecond);
			positive("BOXOFFICE_RATE_USER_BURST", userBurst);
			positive("BOXOFFICE_RATE_AUTH_PER_MINUTE", authPerMinute);
			positive("BOXOFFICE_RATE_LOGIN_FAILURES", loginFailures);
			if (loginWindow == null || loginWindow.isNegative() || loginWindow.isZero()) {
				throw new IllegalStateException("BOXOFFICE_RATE_LOGIN_WINDOW must be a positive ISO-8601 duration");
			}
		}
	}

	private static void positive(String name, int value) {
		if (value < 1) {
			throw new IllegalStateException(name + " must be at least 1");
		}
	}

	/** The limit of a kind of request, as a number of permits per window. */
	Limit limit(Limit.Kind kind) {
		return switch (kind) {
			// A rate with a burst is a window holding the burst and lasting as long as
			// the rate takes to refill it: 30 per 3 s allows 30 at once and 10 a second
			// after.
			case PUBLIC ->
				new Limit(kind, this.publicBurst, Duration.ofMillis(1000L * this.publicBurst / this.publicPerSecond));
			case USER ->
				new Limit(kind, this.userBurst, Duration.ofMillis(1000L * this.userBurst / this.userPerSecond));
			case AUTH -> new Limit(kind, this.authPerMinute, Duration.ofMinutes(1));
		};
	}

	/** {@code permits} per {@code window}, shared by every instance. */
	record Limit(Kind kind, int permits, Duration window) {

		enum Kind {

			/** Catalog and seat-map reads and seat-stream opens, per client address. */
			PUBLIC,
			/** Holds, bookings and waiting-list entries, per user. */
			USER,
			/** Registration and login, per client address. */
			AUTH

		}

		/**
		 * When a refused client is sure to be served again: the whole window. Redisson's
		 * limiter is a sliding window, so the permits of a burst come back only as the
		 * window moves past each of them, not one per share of the window; a shorter
		 * answer sent clients that obeyed it straight into another 429.
		 */
		long retryAfterSeconds() {
			return Math.max(1, (this.window.toMillis() + 999) / 1000);
		}

	}

}
