package dev.boxoffice.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket scanned at the door: who came to which show, on which seats, when. */
public record Checkin(UUID bookingId, UUID showId, List<String> seatIds, Instant checkedInAt) {
}
