package dev.boxoffice.seating;

import java.util.List;

/**
 * The expected outcomes of asking for seats: a rejection is a value, not an exception.
 */
public sealed interface HoldResult {

	record Held(Hold hold) implements HoldResult {
	}

	/**
	 * Some requested seats are held or booked; {@code suggestions} are the best
	 * alternatives.
	 */
	record Unavailable(List<String> unavailableSeatIds, List<List<String>> suggestions) implements HoldResult {
	}

}
