package dev.boxoffice.seating;

import java.util.List;
import java.util.UUID;

/** What a show's seat map shows the public: status per seat, never who holds it. */
public record SeatMap(UUID showId, UUID hallId, List<SeatView> seats, Counts counts) {

	public record SeatView(String id, String row, int number, String category, int price, SeatStatus status) {

	}

	public record Counts(int available, int held, int booked) {

	}

}
