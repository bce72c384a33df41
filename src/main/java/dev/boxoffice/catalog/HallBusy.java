package dev.boxoffice.catalog;

import dev.boxoffice.DomainError;

/** Two shows may not overlap in one hall. */
public final class HallBusy extends DomainError {

	HallBusy(Show show) {
		super(Kind.CONFLICT, "HALL_BUSY",
				"Another show in this hall overlaps " + show.startsAt() + " to " + show.endsAt());
	}

	HallBusy(Movie movie) {
		super(Kind.CONFLICT, "HALL_BUSY", "At " + movie.durationMinutes()
				+ " minutes, an upcoming show of this movie would overlap the next show in its hall");
	}

}
