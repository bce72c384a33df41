package dev.boxoffice.catalog;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A hall and its seat layout. Halls never change once created, which is why the layout
 * can be cached for the life of the process (see {@link CatalogLookup}).
 */
public record Hall(UUID hallId, UUID theaterId, String name, int capacity, List<RowLayout> rows, List<Seat> seats) {

	/** One row as it was declared: {@code aisleAfter:[6]} puts an aisle after seat 6. */
	public record RowLayout(String label, int seats, String category, List<Integer> aisleAfter) {

	}

	/**
	 * A seat; {@code rowIndex} and {@code aisleAfter} are layout facts for seat
	 * selection, not API output.
	 */
	public record Seat(String id, String row, int number, String category, @JsonIgnore int rowIndex,
			@JsonIgnore boolean aisleAfter) {

	}

}
