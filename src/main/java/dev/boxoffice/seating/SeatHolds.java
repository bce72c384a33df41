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
 * the show's seat-map version in the same step. While people wait for a show, seats that
 * free up are set aside for the waiting list instead of going back on sale.
 */
public interface SeatHolds {

	/**
	 * Takes every seat of the hold or none, unless that would give its owner more than
	 * {@code cap} held seats of the show (0: no cap).
	 */
	Mono<Attempt> tryHold(Hold hold, Duration ttl, int cap);

	Mono<Hold> find(UUID holdId);

	/**
	 * Frees the hold's seats that it still owns and forgets it: back on sale, or set
	 * aside for the waiting list while people wait for the show.
	 */
	Mono<Freed> release(Hold hold);

	/** After its booking is committed: the seats are booked and the hold is gone. */
	Mono<Void> completeBooking(Hold hold);

	/**
	 * After a cancellation is committed: the seats are no longer booked, and go back on
	 * sale or to the waiting list as {@link #release} does.
	 */
	Mono<Freed> freeBooked(UUID showId, Collection<String> seatIds);

	/**
	 * A waiting-list offer: a hold on seats set aside for the waiting list or free, all
	 * of them or none; never more than the owner asked for by waiting, so no cap.
	 */
	Mono<Attempt> offer(Hold hold, Duration ttl);

	/** Seats set aside for the waiting list (or free of an unswept expired hold). */
	Mono<Set<String>> setAside(UUID showId);

	/** Puts seats set aside that no waiting entry could use back on sale. */
	Mono<List<String>> returnToSale(UUID showId, Collection<String> seatIds);

	/**
	 * How many entries wait for the show: while any do, freed seats go to the waiting
	 * list first.
	 */
	Mono<Void> waiting(UUID showId, int entries);

	/**
	 * Someone has just joined the show's waiting list: freed seats go to it first from
	 * now on, whatever the count said. The next offer pass sets the exact count.
	 */
	Mono<Void> someoneWaits(UUID showId);

	/** Booked and held seats of a show, with the version they were read at. */
	Mono<SeatStates> states(UUID showId);

	/** The show's seat-map version: it moves with every change of its seats. */
	Mono<String> version(UUID showId);

	/**
	 * Claims holds whose time is up. Each hold is claimed by exactly one caller,
	 * whichever instance it runs on, so its expiry is announced once.
	 */
	Flux<Hold> claimExpired(Instant now, int max);

	/** Outcome of {@link #tryHold} and {@link #offer}. */
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

	/** Seats a change made free, and seats it set aside for the waiting list. */
	record Freed(List<String> free, List<String> setAside) {

		public static final Freed NOTHING = new Freed(List.of(), List.of());

		public boolean isEmpty() {
			return this.free.isEmpty() && this.setAside.isEmpty();
		}

	}

	/**
	 * A show's booked and held seats as of {@code version}; no hold among them runs out
	 * before {@code validFor} has passed (null: none is held).
	 */
	record SeatStates(String version, Set<String> booked, Set<String> held, Duration validFor) {
	}

}
