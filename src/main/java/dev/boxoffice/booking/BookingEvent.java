package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a booking, on {@code boxoffice.booking-events}; notifications and the
 * waiting list read it. {@link BookingEventCodec} is its one wire format.
 */
public sealed interface BookingEvent {

	UUID eventId();

	Booking booking();

	Instant occurredAt();

	record Confirmed(UUID eventId, Booking booking, Instant occurredAt) implements BookingEvent {
	}

	record Cancelled(UUID eventId, Booking booking, Instant occurredAt) implements BookingEvent {
	}

	/** The booking as an event carries it: enough to notify and to match a hold. */
	static Booking summary(UUID bookingId, UUID userId, UUID showId, UUID holdId, List<String> seatIds, long total,
			String currency, Booking.Status status) {
		return new Booking(bookingId, userId, showId, holdId, seatIds, status, total, currency, null, null, null);
	}

}
