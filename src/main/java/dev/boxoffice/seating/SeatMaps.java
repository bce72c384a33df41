package dev.boxoffice.seating;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.seating.SeatMap.Counts;
import dev.boxoffice.seating.SeatMap.SeatView;
import dev.boxoffice.web.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** Builds a show's seat map from the cached hall layout. */
@Service
public class SeatMaps {

	private final CatalogLookup catalog;

	SeatMaps(CatalogLookup catalog) {
		this.catalog = catalog;
	}

	public Mono<SeatMap> of(UUID showId) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("show", showId)))
			.flatMap((show) -> this.catalog.hall(show.hallId()).map((hall) -> render(show, hall)));
	}

	private static SeatMap render(Show show, Hall hall) {
		List<SeatView> seats = new ArrayList<>(hall.seats().size());
		for (Hall.Seat seat : hall.seats()) {
			seats.add(new SeatView(seat.id(), seat.row(), seat.number(), seat.category(), show.price(seat.category()),
					SeatStatus.AVAILABLE));
		}
		return new SeatMap(show.showId(), hall.hallId(), seats, new Counts(seats.size(), 0, 0));
	}

}
