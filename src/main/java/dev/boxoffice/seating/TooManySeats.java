package dev.boxoffice.seating;

import dev.boxoffice.DomainError;

/** More seats than one hold may take ({@code BOXOFFICE_MAX_SEATS_PER_HOLD}). */
public final class TooManySeats extends DomainError {

	public TooManySeats(int maxSeats) {
		super(Kind.INVALID, "TOO_MANY_SEATS", "A hold may take at most " + maxSeats + " seats");
		with("maxSeats", maxSeats);
	}

}
