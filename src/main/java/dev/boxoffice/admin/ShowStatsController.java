package dev.boxoffice.booking.web;

import java.util.UUID;

import dev.boxoffice.booking.Bookings;
import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.ShowNotFound;
import dev.boxoffice.seating.SeatMaps;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/shows/{id}/stats}: occupancy from the live seat map, revenue from
 * bookings.
 */
@RestController
class ShowStatsController {

	private final SeatMaps seatMaps;

	private final CatalogLookup catalog;

	private final Bookings bookings;

	ShowStatsController(SeatMaps seatMaps, CatalogLookup catalog, Bookings bookings) {
		this.seatMaps = seatMaps;
		this.catalog = catalog;
		this.bookings = bookings;
	}

	@GetMapping("/api/v1/admin/shows/{showId}/stats")
	Mono<ShowStats> stats(@PathVariable UUID showId) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)))
			.flatMap((show) -> Mono.zip(this.seatMaps.current(showId), this.bookings.revenue(showId),
					(map, revenue) -> new ShowStats(map.capacity(), map.counts().booked(), map.counts().held(),
							map.counts().available(), revenue, show.currency())));
	}

	record ShowStats(int capacity, int booked, int held, int available, long revenue, String currency) {
	}

}
