package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.seating.SeatMaps;
import dev.boxoffice.web.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
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

	private final DatabaseClient db;

	ShowStatsController(SeatMaps seatMaps, CatalogLookup catalog, DatabaseClient db) {
		this.seatMaps = seatMaps;
		this.catalog = catalog;
		this.db = db;
	}

	@GetMapping("/api/v1/admin/shows/{showId}/stats")
	Mono<ShowStats> stats(@PathVariable UUID showId) {
		Mono<Long> revenue = this.db
			.sql("select coalesce(sum(total_price), 0) from bookings where show_id = :show and status = 'CONFIRMED'")
			.bind("show", showId)
			.map((row) -> ((Number) row.get(0)).longValue())
			.one();
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("show", showId)))
			.flatMap((show) -> Mono.zip(this.seatMaps.current(showId), revenue,
					(map, money) -> new ShowStats(map.capacity(), map.counts().booked(), map.counts().held(),
							map.counts().available(), money, show.currency())));
	}

	record ShowStats(int capacity, int booked, int held, int available, long revenue, String currency) {
	}

}
