package dev.boxoffice.seating;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A change of seat status in one show, as announced by {@link SeatEvents}. */
public record SeatChange(UUID showId, List<String> seatIds, SeatStatus status, String reason, Instant occurredAt) {

}
