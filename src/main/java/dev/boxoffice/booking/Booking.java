package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Booking(UUID bookingId, UUID userId, UUID showId, UUID holdId, List<String> seatIds, Status status,
		long totalPrice, String currency, String ticketCode, String chargeId, Instant createdAt) {

	public enum Status {

		CONFIRMED, CANCELLED

	}

	public Booking cancelled() {
		return new Booking(this.bookingId, this.userId, this.showId, this.holdId, this.seatIds, Status.CANCELLED,
				this.totalPrice, this.currency, this.ticketCode, this.chargeId, this.createdAt);
	}

}
