package dev.boxoffice.seating;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What an operator watches of a sale, as docs/OPERATIONS.md lists it: holds placed and
 * refused (by reason), seats held, booked and freed again (by why). Every tag value is
 * registered at start-up, so a dashboard shows a zero rather than a gap, and none of them
 * names a show: the series stay as few as the reasons.
 */
@Component
class SeatingMetrics {

	/** Freed seats that went to the waiting list instead of back on sale. */
	static final String OFFERED = "offered";

	private final Counter placed;

	private final Counter held;

	private final Counter booked;

	private final Map<String, Counter> refused = new LinkedHashMap<>();

	private final Map<SeatChange.Reason, Counter> released = new EnumMap<>(SeatChange.Reason.class);

	private final Counter offered;

	SeatingMetrics(MeterRegistry meters) {
		this.placed = Counter.builder("boxoffice.holds.placed").description("Holds placed").register(meters);
		this.held = Counter.builder("boxoffice.seats.held")
			.description("Seats taken by holds, waiting-list offers included")
			.register(meters);
		this.booked = Counter.builder("boxoffice.seats.booked").description("Seats sold").register(meters);
		for (String reason : List.of("seats_unavailable", "hold_limit_reached", "too_many_seats", "unknown_seat",
				"show_closed")) {
			this.refused.put(reason,
					Counter.builder("boxoffice.holds.refused")
						.description("Holds refused, by reason")
						.tag("reason", reason)
						.register(meters));
		}
		for (SeatChange.Reason reason : SeatChange.Reason.values()) {
			this.released.put(reason, freed(meters, reason.name().toLowerCase(java.util.Locale.ROOT)));
		}
		this.offered = freed(meters, OFFERED);
	}

	private static Counter freed(MeterRegistry meters, String reason) {
		return Counter.builder("boxoffice.seats.released")
			.description("Seats freed again, by why")
			.tag("reason", reason)
			.register(meters);
	}

	/** A hold request placed its hold (offers are counted as seats held only). */
	void placed(Hold hold) {
		this.placed.increment();
		this.held.increment(hold.seatIds().size());
	}

	/** A waiting-list offer took seats in its owner's name. */
	void offered(Hold hold) {
		this.held.increment(hold.seatIds().size());
	}

	/** Some seats asked for are held or booked by someone else. */
	void unavailable() {
		this.refused.get("seats_unavailable").increment();
	}

	/**
	 * A hold refused by one of seating's rules; any other failure (an unknown show, an
	 * outage) is not a refusal of the hold and is not counted here.
	 */
	void refused(Throwable failure) {
		String reason = reasonOf(failure);
		if (reason != null) {
			this.refused.get(reason).increment();
		}
	}

	private static String reasonOf(Throwable failure) {
		if (failure instanceof HoldLimitReached) {
			return "hold_limit_reached";
		}
		if (failure instanceof TooManySeats) {
			return "too_many_seats";
		}
		// A category the hall does not have is, like an unknown seat, a request for seats
		// that do not exist.
		if (failure instanceof UnknownSeat || failure instanceof UnknownCategory) {
			return "unknown_seat";
		}
		if (failure instanceof ShowClosed) {
			return "show_closed";
		}
		return null;
	}

	/** A booking was committed with these seats. */
	void booked(Hold hold) {
		this.booked.increment(hold.seatIds().size());
	}

	/**
	 * Seats a hold or a booking gave up: those back on sale by {@code reason}, those set
	 * aside for the waiting list as {@code offered}.
	 */
	void freed(SeatHolds.Freed freed, SeatChange.Reason reason) {
		this.released.get(reason).increment(freed.free().size());
		this.offered.increment(freed.setAside().size());
	}

	/** Seats set aside that no waiting entry could use, back on sale. */
	void returnedToSale(List<String> seatIds) {
		this.released.get(SeatChange.Reason.RELEASED).increment(seatIds.size());
	}

}
