package dev.boxoffice.payment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One attempt to pay for a hold, recorded before the provider is asked: every charge the
 * provider takes can be found by its hold, and ends as a booking or a refund.
 */
public record Payment(UUID paymentId, UUID holdId, UUID userId, UUID showId, List<String> seatIds, long amount,
		String currency, Instant holdExpiresAt, State state, String chargeId, UUID bookingId) {

	public enum State {

		/** Recorded; the provider may or may not have charged yet. */
		PENDING,
		/** The provider refused the card; the customer may try another. */
		DECLINED,
		/** Charged, and not yet a booking. */
		CHARGED,
		/** Charged and booked. */
		BOOKED,
		/** Charged, owed back: a refund is recorded and under way. */
		REFUNDING,
		/** Charged and given back. */
		REFUNDED,
		/** Never charged, and never will be: the hold is long gone. */
		ABANDONED

	}

}
