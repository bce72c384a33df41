package dev.boxoffice.seating.web;

import java.util.UUID;

import dev.boxoffice.seating.SeatMaps;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SeatMapController {

	private final SeatMaps seatMaps;

	SeatMapController(SeatMaps seatMaps) {
		this.seatMaps = seatMaps;
	}

	/**
	 * The snapshot's JSON is written as it is: encoded once per version, not per request.
	 */
	@GetMapping("/api/v1/shows/{showId}/seats")
	@ApiResponse(responseCode = "200", description = "The show's seat map",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SeatMap.class)))
	Mono<ResponseEntity<byte[]>> seatMap(@PathVariable UUID showId) {
		return this.seatMaps.current(showId)
			.map((snapshot) -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(snapshot.json()));
	}

}
