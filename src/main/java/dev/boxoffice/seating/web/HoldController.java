package dev.boxoffice.seating.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.seating.Hold;
import dev.boxoffice.seating.HoldResult;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.security.Caller;
import dev.boxoffice.seating.HoldResult.Held;
import dev.boxoffice.seating.HoldResult.Unavailable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class HoldController {

	private final HoldService holds;

	HoldController(HoldService holds) {
		this.holds = holds;
	}

	@PostMapping("/shows/{showId}/holds")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409",
			description = "SEATS_UNAVAILABLE (with unavailableSeatIds and suggestions) or HOLD_LIMIT_REACHED")
	@ApiResponse(responseCode = "422",
			description = "VALIDATION_FAILED, UNKNOWN_SEAT, UNKNOWN_CATEGORY, TOO_MANY_SEATS or SHOW_CLOSED")
	Mono<ResponseEntity<HoldView>> hold(@PathVariable UUID showId, @Valid @RequestBody HoldRequest body,
			@AuthenticationPrincipal Jwt token) {
		return this.holds.hold(Caller.of(token).userId(), showId, body.choice()).map((result) -> {
			if (result instanceof Unavailable unavailable) {
				throw HoldService.seatsUnavailable(unavailable);
			}
			Hold hold = ((Held) result).hold();
			return ResponseEntity.created(URI.create("/api/v1/holds/" + hold.holdId())).body(HoldView.of(hold));
		});
	}

	@GetMapping("/holds/{holdId}")
	Mono<HoldView> get(@PathVariable UUID holdId, @AuthenticationPrincipal Jwt token) {
		return this.holds.find(Caller.of(token).userId(), holdId).map(HoldView::of);
	}

	@DeleteMapping("/holds/{holdId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<ResponseEntity<Void>> release(@PathVariable UUID holdId, @AuthenticationPrincipal Jwt token) {
		return this.holds.release(Caller.of(token).userId(), holdId).thenReturn(ResponseEntity.noContent().build());
	}

	/** A hold as its owner sees it. */
	record HoldView(UUID holdId, UUID showId, List<String> seatIds, Instant expiresAt, long totalPrice,
			String currency) {

		static HoldView of(Hold hold) {
			return new HoldView(hold.holdId(), hold.showId(), hold.seatIds(), hold.expiresAt(), hold.totalPrice(),
					hold.currency());
		}

	}

}
