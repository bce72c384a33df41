package dev.boxoffice.booking;

import java.util.List;
import java.util.UUID;

import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.Page;
import reactor.core.publisher.Mono;

/** Where bookings live (PostgreSQL). */
public interface Bookings {

	/**
	 * Writes the booking, its seats and its events in ONE transaction. Fails with
	 * {@link SeatsTaken} when an active booking already has one of the seats: that unique
	 * constraint, not Redis, is the final word against selling a seat twice.
	 */
	Mono<Booking> insertConfirmed(Booking booking, List<OutboxMessage> events);

	Mono<Booking> find(UUID bookingId);

	Mono<Booking> findByHold(UUID holdId);

	Mono<Booking> findByTicketCode(String ticketCode);

	Mono<Page<Booking>> ofUser(UUID userId, int page, int size);

	/**
	 * Cancels in one transaction with its events; empty when the booking was not
	 * confirmed any more.
	 */
	Mono<Booking> cancel(Booking booking, List<OutboxMessage> events);

	/** Events about bookings that follow their change, in order after its own. */
	Mono<Void> announce(List<OutboxMessage> events);

	/** What the show's confirmed bookings are worth, in minor units. */
	Mono<Long> revenue(UUID showId);

	/** Of {@code seatIds}, those in active bookings of the show. */
	Mono<List<String>> activeSeats(UUID showId, List<String> seatIds);

	/** Raised when the unique index on active (show, seat) pairs refuses a booking. */
	final class SeatsTaken extends RuntimeException {

		public SeatsTaken(Throwable cause) {
			super("An active booking already holds one of the seats", cause);
		}

	}

	/** Raised when another booking was already made from the same hold. */
	final class HoldAlreadyBooked extends RuntimeException {

		public HoldAlreadyBooked(Throwable cause) {
			super("The hold was already booked", cause);
		}

	}

}
