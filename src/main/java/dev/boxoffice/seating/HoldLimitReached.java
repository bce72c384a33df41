package dev.boxoffice.seating;

import dev.boxoffice.DomainError;

/**
 * One user holds at most {@code BOXOFFICE_MAX_HELD_SEATS_PER_USER} seats of a show at
 * once, so one script cannot hoard a sale.
 */
public final class HoldLimitReached extends DomainError {

	HoldLimitReached(int held, int cap) {
		super(Kind.CONFLICT, "HOLD_LIMIT_REACHED",
				"You already hold " + held + " seats of this show; at most " + cap + " at once");
		with("heldSeats", held);
		with("maxHeldSeats", cap);
	}

}
