package dev.boxoffice.seating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

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
 */
public final class BestAvailable {

	private static final double BEST_ROW_DEPTH = 0.6;

	private BestAvailable() {
	}

	/**
	 * Up to {@code limit} blocks of {@code count} seats, best first, no two sharing a
	 * seat.
	 * @param category only seats of this category, or any category when {@code null}
	 */
	public static List<List<String>> choose(Hall hall, Predicate<String> free, int count, String category, int limit) {
		if (count < 1 || limit < 1) {
			return List.of();
		}
		Map<Integer, List<Hall.Seat>> rows = new TreeMap<>();
		hall.seats().forEach((seat) -> rows.computeIfAbsent(seat.rowIndex(), (index) -> new ArrayList<>()).add(seat));
		int lastRow = rows.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
		double bestRow = lastRow * BEST_ROW_DEPTH;
		List<Candidate> candidates = new ArrayList<>();
		rows.forEach((rowIndex, seats) -> {
			seats.sort(Comparator.comparingInt(Hall.Seat::number));
			double rowMiddle = (seats.get(0).number() + seats.get(seats.size() - 1).number()) / 2.0;
			for (List<Hall.Seat> run : freeRuns(seats, free, category)) {
				for (int start = 0; start + count <= run.size(); start++) {
					int left = start;
					int right = run.size() - count - start;
					List<Hall.Seat> block = run.subList(start, start + count);
					double middle = (block.get(0).number() + block.get(count - 1).number()) / 2.0;
					candidates.add(new Candidate(block.stream().map(Hall.Seat::id).toList(), left == 1 || right == 1,
							Math.abs(rowIndex - bestRow), Math.abs(middle - rowMiddle), rowIndex,
							block.get(0).number()));
				}
			}
		});
		candidates.sort(Comparator.comparing(Candidate::strandsASeat)
			.thenComparingDouble(Candidate::rowDistance)
			.thenComparingDouble(Candidate::middleDistance)
			.thenComparingInt(Candidate::rowIndex)
			.thenComparingInt(Candidate::firstNumber));
		List<List<String>> chosen = new ArrayList<>();
		Set<String> used = new HashSet<>();
		for (Candidate candidate : candidates) {
			if (chosen.size() == limit) {
				break;
			}
			if (candidate.seatIds().stream().noneMatch(used::contains)) {
				chosen.add(candidate.seatIds());
				used.addAll(candidate.seatIds());
			}
		}
		return chosen;
	}

	/**
	 * Maximal runs of free seats of one category that no aisle or taken seat interrupts.
	 * Run edges are what a block's leftover seats are measured against.
	 */
	private static List<List<Hall.Seat>> freeRuns(List<Hall.Seat> row, Predicate<String> free, String category) {
		List<List<Hall.Seat>> runs = new ArrayList<>();
		List<Hall.Seat> current = new ArrayList<>();
		Hall.Seat previous = null;
		for (Hall.Seat seat : row) {
			boolean usable = free.test(seat.id()) && (category == null || category.equals(seat.category()));
			boolean continues = previous != null && !previous.aisleAfter()
					&& previous.category().equals(seat.category()) && previous.number() + 1 == seat.number();
			if (!usable || !continues) {
				close(runs, current);
				current = new ArrayList<>();
			}
			if (usable) {
				current.add(seat);
			}
			previous = seat;
		}
		close(runs, current);
		return runs;
	}

	private static void close(List<List<Hall.Seat>> runs, List<Hall.Seat> run) {
		if (!run.isEmpty()) {
			runs.add(run);
		}
	}

	private record Candidate(List<String> seatIds, boolean strandsASeat, double rowDistance, double middleDistance,
			int rowIndex, int firstNumber) {
	}

}
