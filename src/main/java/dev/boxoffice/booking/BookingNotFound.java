package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.DomainError;

/** No such booking, or someone else's: the two are never told apart. */
public final class BookingNotFound extends DomainError {

	BookingNotFound(UUID bookingId) {
		super(Kind.NOT_FOUND, "BOOKING_NOT_FOUND", "No booking with id " + bookingId);
	}

}
