package dev.boxoffice.seating;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.boxoffice.catalog.Hall;

/**
 * A hall's seats indexed once. Halls never change, so holds, releases and seat maps look
 * seats up by id and walk rows in order of preference without rebuilding anything per
 * request: their cost follows the seats they touch, not the size of the hall.
 */
public final class HallLayout {

	/** About what one seat takes in a seat map's JSON, for sizing caches and buffers. */
	static final int JSON_BYTES_PER_SEAT = 90;

	/** The best row is 60% of the way back from the screen: sight lines and sound. */
	private static final double BEST_ROW_DEPTH = 0.6;

	private final Hall hall;

	private final Hall.Seat[] seats;

	private final Map<String, Integer> indexById;

	private final List<Row> rowsByPreference;

	private final Set<String> categories;

	/**
	 * Each seat's JSON up to its price, encoded on first need: see {@link SeatMapJson}.
	 */
	private volatile byte[][] seatJsonPrefixes;

	private HallLayout(Hall hall) {
		this.hall = hall;
		this.seats = hall.seats().toArray(Hall.Seat[]::new);
		this.indexById = new HashMap<>(this.seats.length * 2);
		Map<Integer, List<Integer>> byRow = new TreeMap<>();
		Set<String> categories = new LinkedHashSet<>();
		for (int i = 0; i < this.seats.length; i++) {
			this.indexById.put(this.seats[i].id(), i);
			byRow.computeIfAbsent(this.seats[i].rowIndex(), (row) -> new ArrayList<>()).add(i);
			categories.add(this.seats[i].category());
		}
		int lastRow = byRow.isEmpty() ? 0 : ((TreeMap<Integer, List<Integer>>) byRow).lastKey();
		double bestRow = lastRow * BEST_ROW_DEPTH;
		List<Row> rows = new ArrayList<>(byRow.size());
		byRow.forEach((rowIndex, members) -> {
			int[] ordered = members.stream()
				.sorted(Comparator.comparingInt((Integer i) -> this.seats[i].number()))
				.mapToInt(Integer::intValue)
				.toArray();
			double middle = (this.seats[ordered[0]].number() + this.seats[ordered[ordered.length - 1]].number()) / 2.0;
			rows.add(new Row(rowIndex, Math.abs(rowIndex - bestRow), middle, ordered));
		});
		rows.sort(Comparator.comparingDouble(Row::distance).thenComparingInt(Row::rowIndex));
		this.rowsByPreference = List.copyOf(rows);
		this.categories = Set.copyOf(categories);
	}

	public static HallLayout of(Hall hall) {
		return new HallLayout(hall);
	}

	public Hall hall() {
		return this.hall;
	}

	public int size() {
		return this.seats.length;
	}

	/** The seat at {@code index}, in the hall's order (front row first, by number). */
	public Hall.Seat seat(int index) {
		return this.seats[index];
	}

	/** The index of a seat id, or -1 when the hall has no such seat. */
	public int indexOf(String seatId) {
		Integer index = this.indexById.get(seatId);
		return (index != null) ? index : -1;
	}

	public boolean hasCategory(String category) {
		return this.categories.contains(category);
	}

	/**
	 * {@code {"id":"C-12","row":"C","number":12,"category":"STANDARD","price":} for the
	 * seat at {@code index}: what never changes in a seat map, encoded once per hall.
	 */
	byte[] seatJsonPrefix(int index) {
		byte[][] prefixes = this.seatJsonPrefixes;
		if (prefixes == null) {
			prefixes = new byte[this.seats.length][];
			for (int i = 0; i < prefixes.length; i++) {
				Hall.Seat seat = this.seats[i];
				prefixes[i] = ("{\"id\":" + SeatMapJson.quote(seat.id()) + ",\"row\":" + SeatMapJson.quote(seat.row())
						+ ",\"number\":" + seat.number() + ",\"category\":" + SeatMapJson.quote(seat.category())
						+ ",\"price\":")
					.getBytes(StandardCharsets.UTF_8);
			}
			this.seatJsonPrefixes = prefixes;
		}
		return prefixes[index];
	}

	/** Rows nearest the best row first; equally near rows front first. */
	List<Row> rowsByPreference() {
		return this.rowsByPreference;
	}

	/**
	 * One row: its seats' indexes by seat number, how far it is from the best row, and
	 * the middle of its seat numbers.
	 */
	record Row(int rowIndex, double distance, double middle, int[] seats) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Row row && row.rowIndex == this.rowIndex;
		}

		@Override
		public int hashCode() {
			return Integer.hashCode(this.rowIndex);
		}

		@Override
		public String toString() {
			return "Row[" + this.rowIndex + ", " + Arrays.toString(this.seats) + "]";
		}

	}

}
