package dev.boxoffice.seating;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SeatMapController {

	private final SeatMaps seatMaps;

	SeatMapController(SeatMaps seatMaps) {
		this.seatMaps = seatMaps;
	}

	@GetMapping("/api/v1/shows/{showId}/seats")
	Mono<SeatMap> seatMap(@PathVariable UUID showId) {
		return this.seatMaps.of(showId);
	}

}
