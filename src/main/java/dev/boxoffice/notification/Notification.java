package dev.boxoffice.notification;

import java.util.UUID;

/** A message to a customer about their booking, sent once per event. */
record Notification(UUID eventId, UUID bookingId, UUID userId, Kind kind, String recipient) {

	enum Kind {

		BOOKING_CONFIRMED, BOOKING_CANCELLED

	}

}
