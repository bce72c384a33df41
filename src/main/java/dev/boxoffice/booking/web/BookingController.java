package dev.boxoffice.booking.web;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.booking.Booking;
import dev.boxoffice.booking.BookingService;
import dev.boxoffice.security.Caller;
import dev.boxoffice.Page;
import dev.boxoffice.web.AnsweredBefore;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/bookings")
class BookingController {

	private static final TypeReference<Map<String, Object>> PROBLEM = new TypeReference<>() {
	};

	private final BookingService bookings;

	private final IdempotentConfirmation idempotent;

	private final JsonMapper json;

	BookingController(BookingService bookings, IdempotentConfirmation idempotent, JsonMapper json) {
		this.bookings = bookings;
		this.idempotent = idempotent;
		this.json = json;
	}

	/**
	 * Without an {@code Idempotency-Key} a retried confirmation of the same hold still
	 * finds the booking it made; with one, any earlier outcome is replayed exactly.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	// The body is typed by hand: a replayed outcome is the stored JSON text.
	@ApiResponse(responseCode = "201", description = "The booking",
			content = @Content(schema = @Schema(implementation = BookingView.class)))
	@ApiResponse(responseCode = "402", description = "PAYMENT_DECLINED: the hold stays valid, retry may succeed")
	@ApiResponse(responseCode = "404", description = "HOLD_NOT_FOUND: the hold is not the caller's")
	@ApiResponse(responseCode = "409",
			description = "HOLD_EXPIRED, or IDEMPOTENCY_KEY_IN_USE while a request with this key still runs")
	@ApiResponse(responseCode = "422",
			description = "VALIDATION_FAILED, INVALID_PAYMENT, or IDEMPOTENCY_KEY_REUSED with a different body")
	Mono<ResponseEntity<?>> confirm(@Valid @RequestBody Confirmation body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) @Pattern(
					regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces") String key,
			@AuthenticationPrincipal Jwt token) {
		UUID userId = Caller.of(token).userId();
		if (key == null) {
			return this.bookings.confirm(userId, body.holdId(), body.payment().token())
				.map((booking) -> ResponseEntity.created(location(booking)).body(BookingView.of(booking)));
		}
		return this.idempotent.confirm(userId, key, body.holdId(), body.payment().token())
			.flatMap((outcome) -> outcome.isProblem()
					? Mono.error(new AnsweredBefore(outcome.status(), this.json.readValue(outcome.body(), PROBLEM)))
					: Mono.just(ResponseEntity.status(outcome.status())
						.contentType(MediaType.APPLICATION_JSON)
						.body(outcome.body())));
	}

	@GetMapping
	Mono<Page<BookingView>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_SIZE) int size,
			@AuthenticationPrincipal Jwt token) {
		return this.bookings.list(Caller.of(token).userId(), page, size)
			.map((found) -> new Page<>(found.items().stream().map(BookingView::of).toList(), found.page(), found.size(),
					found.total()));
	}

	@GetMapping("/{bookingId}")
	Mono<BookingView> get(@PathVariable UUID bookingId, @AuthenticationPrincipal Jwt token) {
		return this.bookings.find(Caller.of(token), bookingId).map(BookingView::of);
	}

	@PostMapping("/{bookingId}/cancel")
	@ApiResponse(responseCode = "200", description = "The booking, CANCELLED")
	@ApiResponse(responseCode = "409", description = "CANCELLATION_CLOSED: the show has started, or ALREADY_CANCELLED")
	Mono<BookingView> cancel(@PathVariable UUID bookingId, @AuthenticationPrincipal Jwt token) {
		return this.bookings.cancel(Caller.of(token), bookingId).map(BookingView::of);
	}

	private static URI location(Booking booking) {
		return URI.create("/api/v1/bookings/" + booking.bookingId());
	}

	record Confirmation(@NotNull UUID holdId, @NotNull @Valid Payment payment) {
	}

	record Payment(@NotBlank String token) {
	}

}
