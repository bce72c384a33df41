package dev.boxoffice.seating;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The one internal port through which seat changes leave the seating feature: live seat
 * maps and the waitlist listen on the other side.
 */
public interface SeatEvents {

	Mono<Void> held(UUID showId, List<String> seatIds);

	Mono<Void> released(UUID showId, List<String> seatIds, ReleaseReason reason);

	Mono<Void> booked(UUID showId, List<String> seatIds);

	enum ReleaseReason {

		RELEASED, EXPIRED, CANCELLED;

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
