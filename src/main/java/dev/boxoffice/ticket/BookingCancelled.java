package dev.boxoffice.ticket;

import dev.boxoffice.DomainError;

/** The ticket of a cancelled booking admits nobody and has no image. */
public final class BookingCancelled extends DomainError {

	BookingCancelled() {
		super(Kind.CONFLICT, "BOOKING_CANCELLED", "The booking of this ticket was cancelled");
	}

}
