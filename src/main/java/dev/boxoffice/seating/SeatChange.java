package dev.boxoffice.seating;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A change of some seats of one show. Holds and releases are sent as they happen,
 * bookings and cancellations through the outbox of their transaction; live seat maps and
 * the waiting list read them. {@link SeatChangeCodec} is their one wire format.
 */
public sealed interface SeatChange {

	UUID showId();

	List<String> seatIds();

	Instant occurredAt();

	/** What the seats are once the change is made. */
	SeatStatus status();

	record Held(UUID showId, List<String> seatIds, UUID holdId, Instant occurredAt) implements SeatChange {

		@Override
		public SeatStatus status() {
			return SeatStatus.HELD;
		}

	}

	record Booked(UUID showId, List<String> seatIds, UUID holdId, Instant occurredAt) implements SeatChange {

		@Override
		public SeatStatus status() {
			return SeatStatus.BOOKED;
		}

	}

	/** {@code holdId} is the hold that let the seats go, or null after a cancellation. */
	record Released(UUID showId, List<String> seatIds, Reason reason, UUID holdId,
			Instant occurredAt) implements SeatChange {

		@Override
		public SeatStatus status() {
			return SeatStatus.AVAILABLE;
		}

	}

	/**
	 * Seats that became free while people wait for the show: set aside for the waiting
	 * list, which offers them before anyone else may hold them. The public sees them
	 * held.
	 */
	record SetAside(UUID showId, List<String> seatIds, Reason reason, UUID holdId,
			Instant occurredAt) implements SeatChange {

		@Override
		public SeatStatus status() {
			return SeatStatus.HELD;
		}

	}

	/** Why seats became free again. */
	enum Reason {

		/** Its owner let the hold go. */
		RELEASED,
		/** The hold ran out. */
		EXPIRED,
		/** A booking of them was cancelled. */
		CANCELLED

	}

}
