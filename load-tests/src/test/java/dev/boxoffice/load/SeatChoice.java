package dev.boxoffice.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** How a user picks seats from a seat map, and the hold request bodies that ask for them. */
final class SeatChoice {

	private SeatChoice() {
	}

	/**
	 * {@code count} seats side by side (consecutive numbers in one row), chosen at random
	 * among every such run of available seats, as people spread over a hall; empty when no
	 * run is long enough. A seat's id is its label {@code ROW-NUMBER} (API.md), so the ids
	 * alone tell rows and neighbours, and the seat map needs no deeper reading: with
	 * thousands of users reading a 500-seat map at once, that matters to the load
	 * generator. The map does not show aisles, so a run may cross one: the service still
	 * holds such seats, they are merely not adjacent.
	 * @param available the ids of the seat map's AVAILABLE seats
	 */
	static List<String> adjacent(List<String> available, int count, Random random) {
		Map<String, List<Seat>> rows = available.stream()
			.map(Seat::parse)
			.filter((seat) -> seat != null)
			.collect(Collectors.groupingBy(Seat::row, LinkedHashMap::new, Collectors.toList()));
		List<List<String>> runs = new ArrayList<>();
		for (List<Seat> row : rows.values()) {
			row.sort(Comparator.comparingInt(Seat::number));
			for (int start = 0; start + count <= row.size(); start++) {
				if (row.get(start + count - 1).number() - row.get(start).number() == count - 1) {
					runs.add(row.subList(start, start + count).stream().map(Seat::id).toList());
				}
			}
		}
		return runs.isEmpty() ? List.of() : runs.get(random.nextInt(runs.size()));
	}

	/**
	 * The seat ids of the first (best) suggestion of a 409 SEATS_UNAVAILABLE answer, whether
	 * a suggestion is a bare list of seat ids or an object with {@code seatIds}; empty when
	 * there is none.
	 */
	static List<String> firstSuggestion(Object suggestions) {
		if (!(suggestions instanceof List<?> list) || list.isEmpty()) {
			return List.of();
		}
		Object first = list.get(0);
		if (first instanceof Map<?, ?> map) {
			first = map.get("seatIds");
		}
		if (first instanceof Collection<?> seats) {
			return seats.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	static String seatIdsBody(List<String> seatIds) {
		return seatIds.stream().map((id) -> "\"" + id + "\"").collect(Collectors.joining(",", "{\"seatIds\":[", "]}"));
	}

	static String bestAvailableBody(int count) {
		return "{\"count\":" + count + "}";
	}

	private record Seat(String id, String row, int number) {

		static Seat parse(String id) {
			int dash = id.lastIndexOf('-');
			try {
				return new Seat(id, id.substring(0, dash), Integer.parseInt(id.substring(dash + 1)));
			}
			catch (RuntimeException notRowNumber) {
				return null;
			}
		}

	}

}
