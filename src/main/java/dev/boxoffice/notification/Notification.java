package dev.boxoffice.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message to a customer about their booking or their waiting-list offer, sent once per
 * event. {@code offerExpiresAt} tells an offer's owner until when they may book it.
 */
record Notification(UUID eventId, UUID bookingId, UUID waitlistEntryId, UUID userId, Kind kind, String recipient,
		Instant offerExpiresAt) {

	enum Kind {

		BOOKING_CONFIRMED, BOOKING_CANCELLED, WAITLIST_OFFER

	}

	static Notification ofBooking(UUID eventId, UUID bookingId, UUID userId, Kind kind, String recipient) {
		return new Notification(eventId, bookingId, null, userId, kind, recipient, null);
	}

}
