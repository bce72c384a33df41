package dev.boxoffice.floor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An annotated controller, like the service's, so both pay the same dispatch. The answers
 * have the shapes of the service's: a show, a seat map, a hold.
 */
@RestController
class FloorController {

	private static final UUID SHOW_ID = UUID.fromString("6f1c1d0e-6b1a-4c53-9a57-0f3f2c1e8a01");

	private static final UUID HALL_ID = UUID.fromString("0b3e8f52-1d7c-4f0e-8a44-5c2d7e9f1a02");

	private static final Instant STARTS_AT = Instant.parse("2030-01-01T20:00:00Z");

	private static final Show SHOW = new Show(SHOW_ID, UUID.fromString("c0d1e2f3-a4b5-4c6d-8e7f-901a2b3c4d03"),
			HALL_ID, UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c04"), STARTS_AT,
			STARTS_AT.plus(Duration.ofMinutes(60)), Map.of("STANDARD", 1200), "EUR");

	/** The service's hold TTL, so Redis keeps as many keys alive as under the service. */
	private static final Duration HOLD_TTL = Duration.ofMinutes(10);

	private final ReactiveStringRedisTemplate redis;

	FloorController(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** As small as the service's GET /api/v1/shows/{id}; a constant is enough. */
	@GetMapping("/small")
	Mono<Show> small() {
		return Mono.just(SHOW);
	}

	/**
	 * A 500-seat hall (20 rows A..T of 25), built per request like the service builds its
	 * seat map, so the floor pays the same allocation and serialization.
	 */
	@GetMapping("/seats")
	Mono<SeatMap> seats() {
		List<SeatView> seats = new ArrayList<>(20 * 25);
		for (char row = 'A'; row <= 'T'; row++) {
			String label = String.valueOf(row);
			for (int number = 1; number <= 25; number++) {
				seats.add(new SeatView(label + "-" + number, label, number, "STANDARD", 1200, SeatStatus.AVAILABLE));
			}
		}
		return Mono.just(new SeatMap(SHOW_ID, HALL_ID, seats, new Counts(seats.size(), 0, 0)));
	}

	/**
	 * One Redis round trip, SET key value NX EX 600: the least a hold can cost. The key
	 * starts with a fresh id, so practically every SET succeeds.
	 */
	@PostMapping("/holds")
	Mono<ResponseEntity<Hold>> hold(@RequestBody HoldRequest request) {
		if (request.seatIds() == null || request.seatIds().isEmpty()) {
			return Mono.just(ResponseEntity.badRequest().build());
		}
		UUID holdId = UUID.randomUUID();
		String key = "floor:hold:" + holdId + ":" + String.join(",", request.seatIds());
		return this.redis.opsForValue()
			.setIfAbsent(key, holdId.toString(), HOLD_TTL)
			.map((set) -> set ? ResponseEntity.status(HttpStatus.CREATED).body(new Hold(holdId, request.seatIds()))
					: ResponseEntity.status(HttpStatus.CONFLICT).<Hold>build());
	}

	record Show(UUID showId, UUID movieId, UUID hallId, UUID theaterId, Instant startsAt, Instant endsAt,
			Map<String, Integer> prices, String currency) {

	}

	record SeatMap(UUID showId, UUID hallId, List<SeatView> seats, Counts counts) {

	}

	record SeatView(String id, String row, int number, String category, int price, SeatStatus status) {

	}

	record Counts(int available, int held, int booked) {

	}

	enum SeatStatus {

		AVAILABLE, HELD, BOOKED

	}

	record HoldRequest(List<String> seatIds) {

	}

	record Hold(UUID holdId, List<String> seatIds) {

	}

}
