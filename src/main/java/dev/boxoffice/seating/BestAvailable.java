package dev.boxoffice.seating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import dev.boxoffice.catalog.Hall;

/**
 * Picks the best free block of adjacent seats, the way a box-office clerk would:
 * <ol>
 * <li>the seats are side by side in one row, all of one category, and never across an
 * aisle;</li>
 * <li>a block that would strand a single empty seat (between the block and a taken seat,
 * an aisle or a wall) is chosen only when no other block avoids it, because a lone seat
 * is nearly unsellable;</li>
 * <li>then the row nearest the best row, 60% of the way back from the screen, where sight
 * lines and sound are best;</li>
 * <li>then the block whose middle is nearest the middle of its row;</li>
 * <li>ties go to the front row, then the lower seat number, so the answer is
 * deterministic.</li>
 * </ol>
 * Rows are visited best first and the search stops as soon as it has its answer, so a big
 * hall with free seats near the best row costs about as little as a small one.
 */
public final class BestAvailable {

	private static final Comparator<Candidate> WITHIN_EQUALLY_GOOD_ROWS = Comparator
		.comparingDouble(Candidate::middleDistance)
		.thenComparingInt(Candidate::rowIndex)
		.thenComparingInt(Candidate::firstNumber);

	private BestAvailable() {
	}

	/**
	 * Up to {@code limit} blocks of {@code count} seats, best first, no two sharing a
	 * seat.
	 * @param free whether the seat at a layout index is free
	 * @param category only seats of this category, or any category when {@code null}
	 */
	public static List<List<String>> choose(HallLayout layout, IntPredicate free, int count, String category,
			int limit) {
		List<List<String>> chosen = new ArrayList<>();
		if (count < 1 || limit < 1) {
			return chosen;
		}
		Set<Integer> used = new HashSet<>();
		// Every block that strands no seat beats every block that does, wherever it is.
		for (boolean stranding : new boolean[] { false, true }) {
			List<HallLayout.Row> rows = layout.rowsByPreference();
			int i = 0;
			while (i < rows.size() && chosen.size() < limit) {
				// Rows as far from the best row as each other compete on their middles.
				int end = i;
				List<Candidate> candidates = new ArrayList<>();
				while (end < rows.size() && rows.get(end).distance() == rows.get(i).distance()) {
					addCandidates(layout, rows.get(end), free, count, category, stranding, candidates);
					end++;
				}
				candidates.sort(WITHIN_EQUALLY_GOOD_ROWS);
				for (Candidate candidate : candidates) {
					if (chosen.size() == limit) {
						break;
					}
					if (candidate.isDisjointFrom(used)) {
						candidate.addTo(used);
						chosen.add(candidate.seatIds(layout));
					}
				}
				i = end;
			}
		}
		return chosen;
	}

	/**
	 * The blocks of one row that do (or do not) strand a seat, from the row's maximal
	 * runs of free seats of one category that no aisle or taken seat interrupts.
	 */
	private static void addCandidates(HallLayout layout, HallLayout.Row row, IntPredicate free, int count,
			String category, boolean stranding, List<Candidate> candidates) {
		int[] seats = row.seats();
		int runStart = 0;
		while (runStart < seats.length) {
			if (!usable(layout, seats[runStart], free, category)) {
				runStart++;
				continue;
			}
			int runEnd = runStart + 1;
			while (runEnd < seats.length && usable(layout, seats[runEnd], free, category)
					&& continues(layout.seat(seats[runEnd - 1]), layout.seat(seats[runEnd]))) {
				runEnd++;
			}
			int runLength = runEnd - runStart;
			for (int start = 0; start + count <= runLength; start++) {
				int left = start;
				int right = runLength - count - start;
				if ((left == 1 || right == 1) != stranding) {
					continue;
				}
				Hall.Seat first = layout.seat(seats[runStart + start]);
				Hall.Seat last = layout.seat(seats[runStart + start + count - 1]);
				double middle = (first.number() + last.number()) / 2.0;
				candidates.add(new Candidate(seats, runStart + start, count, Math.abs(middle - row.middle()),
						row.rowIndex(), first.number()));
			}
			runStart = runEnd;
		}
	}

	private static boolean usable(HallLayout layout, int seat, IntPredicate free, String category) {
		return free.test(seat) && (category == null || category.equals(layout.seat(seat).category()));
	}

	private static boolean continues(Hall.Seat previous, Hall.Seat seat) {
		return !previous.aisleAfter() && previous.category().equals(seat.category())
				&& previous.number() + 1 == seat.number();
	}

	/** A block: {@code count} seats of {@code rowSeats} from {@code from}. */
	private record Candidate(int[] rowSeats, int from, int count, double middleDistance, int rowIndex,
			int firstNumber) {

		boolean isDisjointFrom(Set<Integer> used) {
			for (int i = this.from; i < this.from + this.count; i++) {
				if (used.contains(this.rowSeats[i])) {
					return false;
				}
			}
			return true;
		}

		void addTo(Set<Integer> used) {
			for (int i = this.from; i < this.from + this.count; i++) {
				used.add(this.rowSeats[i]);
			}
		}

		List<String> seatIds(HallLayout layout) {
			List<String> ids = new ArrayList<>(this.count);
			for (int i = this.from; i < this.from + this.count; i++) {
				ids.add(layout.seat(this.rowSeats[i]).id());
			}
			return ids;
		}

	}

}
