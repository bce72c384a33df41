package dev.boxoffice.seating;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.seating.SeatHolds.SeatStates;
import dev.boxoffice.seating.SeatMap.Counts;
import dev.boxoffice.seating.SeatMap.SeatView;
import dev.boxoffice.web.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A show's seat map: the cached hall layout plus one Redis round trip for bookings and
 * holds.
 */
@Service
public class SeatMaps {

	private final CatalogLookup catalog;

	private final SeatHolds holds;

	SeatMaps(CatalogLookup catalog, SeatHolds holds) {
		this.catalog = catalog;
		this.holds = holds;
	}

	public Mono<SeatMap> of(UUID showId) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("show", showId)))
			.flatMap((show) -> this.catalog.hall(show.hallId())
				.flatMap((hall) -> this.holds.states(showId, hall.seats().stream().map(Hall.Seat::id).toList())
					.map((states) -> render(show, hall, states))));
	}

	private static SeatMap render(Show show, Hall hall, SeatStates states) {
		List<SeatView> seats = new ArrayList<>(hall.seats().size());
		int held = 0;
		int booked = 0;
		for (Hall.Seat seat : hall.seats()) {
			SeatStatus status = states.booked().contains(seat.id()) ? SeatStatus.BOOKED
					: states.held().contains(seat.id()) ? SeatStatus.HELD : SeatStatus.AVAILABLE;
			held += (status == SeatStatus.HELD) ? 1 : 0;
			booked += (status == SeatStatus.BOOKED) ? 1 : 0;
			seats.add(new SeatView(seat.id(), seat.row(), seat.number(), seat.category(), show.price(seat.category()),
					status));
		}
		return new SeatMap(show.showId(), hall.hallId(), seats, new Counts(seats.size() - held - booked, held, booked));
	}

}
