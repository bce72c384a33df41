package dev.boxoffice.admin;

import java.util.UUID;

import dev.boxoffice.booking.Bookings;
import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.ShowNotFound;
import dev.boxoffice.seating.SeatMaps;
import dev.boxoffice.waitlist.WaitlistService;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/shows/{id}/stats}: occupancy from the live seat map, revenue from
 * bookings, and who waits for seats: a view across features, owned by none of them.
 */
@RestController
class ShowStatsController {

	private final SeatMaps seatMaps;

	private final CatalogLookup catalog;

	private final Bookings bookings;

	private final WaitlistService waitlist;

	ShowStatsController(SeatMaps seatMaps, CatalogLookup catalog, Bookings bookings, WaitlistService waitlist) {
		this.seatMaps = seatMaps;
		this.catalog = catalog;
		this.bookings = bookings;
		this.waitlist = waitlist;
	}

	@GetMapping("/api/v1/admin/shows/{showId}/stats")
	Mono<ShowStats> stats(@PathVariable UUID showId) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)))
			.flatMap((show) -> Mono
				.zip(this.seatMaps.current(showId), this.bookings.revenue(showId), this.waitlist.waiting(showId))
				.map((found) -> new ShowStats(found.getT1().capacity(), found.getT1().counts().booked(),
						found.getT1().counts().held(), found.getT1().counts().available(), found.getT2(),
						show.currency(), new Waiting(found.getT3().people(), found.getT3().seats()))));
	}

	record ShowStats(int capacity, int booked, int held, int available, long revenue, String currency,
			Waiting waiting) {
	}

	/** People on the show's waiting list, and the seats they wait for. */
	record Waiting(int people, int seats) {
	}

}
