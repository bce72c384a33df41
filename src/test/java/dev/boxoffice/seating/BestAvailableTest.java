package dev.boxoffice.seating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.catalog.Hall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Halls are drawn as the audience sees them, screen at the top: one line per row,
 * {@code .} a free seat, {@code x} a taken one, {@code |} an aisle, seats numbered from 1
 * left to right. A row label may be followed by a category in brackets: {@code C[VIP]}.
 */
class BestAvailableTest {

	@Test
	void aPairGoesToTheMiddleOfTheBestRow() {
		Drawn hall = draw("""
				A  . . . . . .
				B  . . . . . .
				C  . . . . . .
				D  . . . . . .
				E  . . . . . .
				""");
		// Rows A..E have indexes 0..4; 60% back is row index 2.4, nearest is C.
		assertThat(hall.best(2)).containsExactly("C-3", "C-4");
	}

	@Test
	void aBlockNeverSpansAnAisle() {
		Drawn hall = draw("""
				A  . . . | . . .
				""");
		assertThat(hall.best(4)).isEmpty();
		assertThat(hall.options(3, 3)).containsExactlyInAnyOrder(List.of("A-1", "A-2", "A-3"),
				List.of("A-4", "A-5", "A-6"));
	}

	@Test
	void aSingleSeatIsNotStrandedWhenAnotherChoiceAvoidsIt() {
		// Centre-most pair would be C-3,C-4 leaving C-2 alone between x and the pair.
		Drawn hall = draw("""
				A  x x x x x x x
				B  x x x x x x x
				C  x . . . . . x
				""");
		List<String> best = hall.best(2);
		assertThat(best).isIn(List.of("C-2", "C-3"), List.of("C-5", "C-6"));
	}

	@Test
	void aSingleSeatIsNotStrandedAgainstAnAisleEither() {
		Drawn hall = draw("""
				A  . . . . | . . . .
				""");
		// would leave A-1 alone by the wall and A-4 alone by the aisle.
		assertThat(hall.options(2, 4)).containsExactlyInAnyOrder(List.of("A-1", "A-2"), List.of("A-3", "A-4"),
				List.of("A-5", "A-6"), List.of("A-7", "A-8"));
	}

	@Test
	void whenEveryChoiceStrandsASeatOneIsStillOffered() {
		Drawn hall = draw("""
				A  x . . . x
				""");
		assertThat(hall.best(2)).isIn(List.of("A-2", "A-3"), List.of("A-3", "A-4"));
	}

	@Test
	void onlySeatsOfTheAskedCategoryAreChosen() {
		Drawn hall = draw("""
				A  . . . . . .
				B  . . . . . .
				C[VIP]  . . . . . .
				""");
		assertThat(hall.best(2, "VIP")).containsExactly("C-3", "C-4");
	}

	@Test
	void aBlockNeverMixesCategories() {
		Drawn hall = draw("""
				A  . .
				B[VIP]  . .
				""");
		assertThat(hall.best(3)).isEmpty();
	}

	@Test
	void suggestionsAreDistinctAndBestFirst() {
		Drawn hall = draw("""
				A  . . . . . .
				B  . . x x . .
				C  . . . . . .
				""");
		List<List<String>> options = hall.options(2, 3);
		assertThat(options).hasSize(3);
		Set<String> seen = new HashSet<>();
		options.forEach((option) -> assertThat(option).allMatch(seen::add));
		assertThat(options.get(0)).containsExactly("B-1", "B-2");
	}

	@Test
	void aFullHallHasNoChoice() {
		Drawn hall = draw("""
				A  x x x
				""");
		assertThat(hall.best(1)).isEmpty();
	}

	private static Drawn draw(String picture) {
		List<Hall.Seat> seats = new ArrayList<>();
		Set<String> taken = new HashSet<>();
		int rowIndex = 0;
		for (String line : picture.strip().split("\n")) {
			String[] parts = line.strip().split("\\s+", 2);
			String label = parts[0];
			String category = "STANDARD";
			if (label.contains("[")) {
				category = label.substring(label.indexOf('[') + 1, label.indexOf(']'));
				label = label.substring(0, label.indexOf('['));
			}
			String[] cells = parts[1].split("\\s+");
			int number = 0;
			for (int i = 0; i < cells.length; i++) {
				if (cells[i].equals("|")) {
					continue;
				}
				number++;
				boolean aisleAfter = i + 1 < cells.length && cells[i + 1].equals("|");
				String id = label + "-" + number;
				seats.add(new Hall.Seat(id, label, number, category, rowIndex, aisleAfter));
				if (cells[i].equals("x")) {
					taken.add(id);
				}
			}
			rowIndex++;
		}
		return new Drawn(new Hall(UUID.randomUUID(), UUID.randomUUID(), "drawn", seats.size(), List.of(), seats),
				taken);
	}

	private record Drawn(Hall hall, Set<String> taken) {

		List<String> best(int count) {
			return best(count, null);
		}

		List<String> best(int count, String category) {
			List<List<String>> options = BestAvailable.choose(layout(), this::free, count, category, 1);
			return options.isEmpty() ? List.of() : options.get(0);
		}

		List<List<String>> options(int count, int limit) {
			return BestAvailable.choose(layout(), this::free, count, null, limit);
		}

		private HallLayout layout() {
			return HallLayout.of(this.hall);
		}

		private boolean free(int seat) {
			return !this.taken.contains(this.hall.seats().get(seat).id());
		}

	}

}
