package dev.boxoffice.seating;

import java.util.UUID;

import reactor.core.publisher.Flux;

/**
 * The seats of a show in active bookings, as PostgreSQL knows them. Seating uses it to
 * warm its Redis copy; the booking feature, which owns the bookings, implements it.
 */
public interface BookedSeats {

	Flux<String> of(UUID showId);

}
