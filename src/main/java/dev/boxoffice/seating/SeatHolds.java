package dev.boxoffice.seating;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where holds live (Redis). Every operation on one show is atomic: a hold takes all its
 * seats or none, and a release frees only what the hold still owns.
 */
public interface SeatHolds {

	/**
	 * Takes every seat of the hold or none; the result lists the seats that were in the
	 * way.
	 */
	Mono<Attempt> tryHold(Hold hold, Duration ttl);

	Mono<Hold> find(UUID holdId);

	/**
	 * Frees the hold's seats that it still owns and forgets it; returns the seats now
	 * free.
	 */
	Mono<List<String>> release(Hold hold);

	/** Booked and held seats of a show among {@code seatIds}, in one round trip. */
	Mono<SeatStates> states(UUID showId, List<String> seatIds);

	Mono<Void> markBooked(UUID showId, Collection<String> seatIds);

	Mono<Void> markFree(UUID showId, Collection<String> seatIds);

	/**
	 * Claims holds whose time is up. Each hold is claimed by exactly one caller,
	 * whichever instance it runs on, so its expiry is announced once.
	 */
	Flux<Hold> claimExpired(Instant now, int max);

	/**
	 * Outcome of {@link #tryHold}: an empty {@code taken} list means the hold was placed.
	 */
	record Attempt(List<String> taken) {

		public boolean held() {
			return this.taken.isEmpty();
		}

	}

	record SeatStates(java.util.Set<String> booked, java.util.Set<String> held) {

		public boolean isFree(String seatId) {
			return !this.booked.contains(seatId) && !this.held.contains(seatId);
		}

	}

}
