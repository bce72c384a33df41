package dev.boxoffice.seating;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where holds live (Redis). Every operation on one show is atomic: a hold takes all its
 * seats or none, a release frees only what the hold still owns, and each change advances
 * the show's seat-map version in the same step.
 */
public interface SeatHolds {

	/**
	 * Takes every seat of the hold or none, unless that would give its owner more than
	 * {@code cap} held seats of the show (0: no cap).
	 */
	Mono<Attempt> tryHold(Hold hold, Duration ttl, int cap);

	Mono<Hold> find(UUID holdId);

	/**
	 * Frees the hold's seats that it still owns and forgets it; returns the seats now
	 * free.
	 */
	Mono<List<String>> release(Hold hold);

	/**
	 * After its booking is committed: the hold's seats are booked and the hold is gone.
	 */
	Mono<Void> completeBooking(Hold hold);

	/** After a cancellation is committed: the seats are no longer booked. */
	Mono<Void> freeBooked(UUID showId, Collection<String> seatIds);

	/** Booked and held seats of a show, with the version they were read at. */
	Mono<SeatStates> states(UUID showId);

	/** The show's seat-map version: it moves with every change of its seats. */
	Mono<String> version(UUID showId);

	/**
	 * Claims holds whose time is up. Each hold is claimed by exactly one caller,
	 * whichever instance it runs on, so its expiry is announced once.
	 */
	Flux<Hold> claimExpired(Instant now, int max);

	/** Outcome of {@link #tryHold}. */
	sealed interface Attempt {

		record Placed() implements Attempt {
		}

		/** Some of the seats are held or booked. */
		record Taken(List<String> seatIds) implements Attempt {
		}

		/** The owner already holds {@code held} seats of the show. */
		record OverCap(int held) implements Attempt {
		}

	}

	/**
	 * A show's booked and held seats as of {@code version}; no hold among them runs out
	 * before {@code validFor} has passed (null: none is held).
	 */
	record SeatStates(String version, Set<String> booked, Set<String> held, Duration validFor) {
	}

}
