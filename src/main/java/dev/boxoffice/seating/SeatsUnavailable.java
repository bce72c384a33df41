package dev.boxoffice.seating;

import java.util.List;

import dev.boxoffice.DomainError;

/**
 * Some of the asked seats are held or booked, or no block of adjacent seats is free; with
 * up to three alternatives of the same size and category, best first.
 */
public final class SeatsUnavailable extends DomainError {

	SeatsUnavailable(List<String> unavailableSeatIds, List<List<String>> suggestions) {
		super(Kind.CONFLICT, "SEATS_UNAVAILABLE",
				unavailableSeatIds.isEmpty() ? "Not enough adjacent seats are available"
						: "Seats " + unavailableSeatIds + " are already held or booked");
		with("unavailableSeatIds", unavailableSeatIds);
		with("suggestions", suggestions);
	}

}
