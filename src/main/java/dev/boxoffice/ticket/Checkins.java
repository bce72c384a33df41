package dev.boxoffice.ticket;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** Where check-ins are recorded (PostgreSQL): at most one per booking. */
public interface Checkins {

	/**
	 * Records the booking's check-in at {@code now} unless it already has one; answers
	 * the time of the check-in that stands, and whether it is this one. Atomic across
	 * instances: of two parallel scans exactly one is first.
	 */
	Mono<Recorded> record(UUID bookingId, Instant now);

	record Recorded(Instant checkedInAt, boolean first) {
	}

}
