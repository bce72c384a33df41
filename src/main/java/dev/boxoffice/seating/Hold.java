package dev.boxoffice.seating;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Seats of one show kept for one user until {@code expiresAt}, then free again by
 * themselves.
 */
public record Hold(UUID holdId, UUID showId, UUID userId, List<String> seatIds, Instant expiresAt, long totalPrice,
		String currency) {

	public boolean isOwnedBy(UUID user) {
		return this.userId.equals(user);
	}

}
