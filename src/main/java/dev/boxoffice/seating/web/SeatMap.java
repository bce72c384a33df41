package dev.boxoffice.seating.web;

import java.util.List;
import java.util.UUID;

import dev.boxoffice.seating.SeatMapSnapshot;
import dev.boxoffice.seating.SeatStatus;

/**
 * What a show's seat map shows the public: status per seat, never who holds it. The
 * service writes it from a {@link SeatMapSnapshot}; this type documents its shape in the
 * OpenAPI document.
 */
record SeatMap(UUID showId, UUID hallId, List<SeatView> seats, SeatMapSnapshot.Counts counts) {

	record SeatView(String id, String row, int number, String category, int price, SeatStatus status) {

	}

}
