package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A place in a show's waiting list: {@code count} seats side by side, of {@code category}
 * (any when null). {@code position} is its place in the queue while it waits (1 = next);
 * the hold, its seats and its end are set once it is offered.
 */
public record WaitlistEntry(UUID entryId, UUID showId, UUID userId, int count, String category, Status status,
		Integer position, UUID holdId, List<String> offeredSeats, Instant offerExpiresAt, Instant createdAt) {

	public enum Status {

		WAITING, OFFERED, BOOKED, EXPIRED

	}

	/**
	 * The id of the hold this entry is offered, the same whoever makes the offer: an
	 * instance that finds it already placed (another instance made it and died before
	 * recording it) adopts it instead of offering again.
	 */
	static UUID offerHoldId(UUID entryId) {
		return UUID.nameUUIDFromBytes(("waitlist-offer:" + entryId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
