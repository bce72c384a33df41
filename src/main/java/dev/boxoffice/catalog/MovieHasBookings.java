package dev.boxoffice.catalog;

import dev.boxoffice.DomainError;

/** Customers hold tickets for an upcoming show of the movie. */
public final class MovieHasBookings extends DomainError {

	MovieHasBookings() {
		super(Kind.CONFLICT, "MOVIE_HAS_BOOKINGS",
				"The movie has upcoming shows with active bookings; cancel them first");
	}

}
