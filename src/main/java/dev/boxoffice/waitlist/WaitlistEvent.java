package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened on a waiting list, on {@code boxoffice.waitlist-events}: someone joined,
 * someone was offered seats. Notifications tell the owner of an offer.
 * {@link WaitlistEventCodec} is its one wire format.
 */
public sealed interface WaitlistEvent {

	UUID eventId();

	UUID entryId();

	UUID showId();

	UUID userId();

	Instant occurredAt();

	record Joined(UUID eventId, UUID entryId, UUID showId, UUID userId, int count, String category,
			Instant occurredAt) implements WaitlistEvent {
	}

	record Offered(UUID eventId, UUID entryId, UUID showId, UUID userId, UUID holdId, List<String> seatIds,
			Instant expiresAt, Instant occurredAt) implements WaitlistEvent {
	}

}
