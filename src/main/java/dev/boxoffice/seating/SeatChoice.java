package dev.boxoffice.seating;

import java.util.List;

/**
 * The seats someone asks to hold: these seats, or the best {@code count} of a category.
 */
public sealed interface SeatChoice {

	int size();

	record Named(List<String> seatIds) implements SeatChoice {

		@Override
		public int size() {
			return this.seatIds.size();
		}

	}

	/** A {@code null} category means any category. */
	record BestOf(int count, String category) implements SeatChoice {

		@Override
		public int size() {
			return this.count;
		}

	}

}
