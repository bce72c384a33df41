package dev.boxoffice.seating;

import java.util.List;
import java.util.Set;

import dev.boxoffice.catalog.Show;

/**
 * What a waiting-list offer may take, read at one moment: the seats free for anyone and
 * the seats set aside for the waiting list, in the show's layout.
 */
public record OfferableSeats(Show show, HallLayout layout, SeatMapSnapshot snapshot, Set<String> setAside) {

	/**
	 * The best block of {@code count} adjacent seats of {@code category} (any when null)
	 * among those an offer may take and that are not {@code used} yet; empty when none.
	 */
	public List<String> best(int count, String category, Set<String> used) {
		List<List<String>> best = BestAvailable.choose(this.layout, (seat) -> {
			String id = this.layout.seat(seat).id();
			return !used.contains(id) && (this.snapshot.isFree(seat) || this.setAside.contains(id));
		}, count, category, 1);
		return best.isEmpty() ? List.of() : best.get(0);
	}

	public boolean hasCategory(String category) {
		return category == null || this.layout.hasCategory(category);
	}

}
