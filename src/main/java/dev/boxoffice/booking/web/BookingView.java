package dev.boxoffice.booking.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.booking.Booking;

/** A booking as the API shows it. */
record BookingView(UUID bookingId, UUID showId, List<String> seatIds, Booking.Status status, long totalPrice,
		String currency, String ticketCode, Instant createdAt) {

	static BookingView of(Booking booking) {
		return new BookingView(booking.bookingId(), booking.showId(), booking.seatIds(), booking.status(),
				booking.totalPrice(), booking.currency(), booking.ticketCode(), booking.createdAt());
	}

}
