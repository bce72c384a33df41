package dev.boxoffice.seating;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code boxoffice.holds.*}: how long a hold lives ({@code BOXOFFICE_HOLD_TTL}), how many
 * seats one hold may take ({@code BOXOFFICE_MAX_SEATS_PER_HOLD}), how many seats of a
 * show one user may hold at once ({@code BOXOFFICE_MAX_HELD_SEATS_PER_USER}, 0 for no
 * cap), and how often expiries are swept.
 */
@ConfigurationProperties("boxoffice.holds")
public record HoldSettings(Duration ttl, int maxSeats, int maxHeldSeatsPerUser, Duration sweepInterval) {

	public HoldSettings {
		if (ttl == null || ttl.isNegative() || ttl.isZero()) {
			throw new IllegalStateException("BOXOFFICE_HOLD_TTL must be a positive ISO-8601 duration, such as PT10M");
		}
		if (maxSeats < 1) {
			throw new IllegalStateException("BOXOFFICE_MAX_SEATS_PER_HOLD must be at least 1");
		}
		if (maxHeldSeatsPerUser < 0) {
			throw new IllegalStateException("BOXOFFICE_MAX_HELD_SEATS_PER_USER must be 0 (no cap) or more");
		}
		if (sweepInterval == null) {
			sweepInterval = Duration.ofSeconds(1);
		}
	}

}
