package dev.boxoffice.ticket.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.security.Caller;
import dev.boxoffice.ticket.TicketService;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API.md's Tickets and check-in. */
@RestController
@RequestMapping("/api/v1")
class TicketController {

	private final TicketService tickets;

	TicketController(TicketService tickets) {
		this.tickets = tickets;
	}

	/**
	 * The QR code of the booking's ticket code. Private: the image admits its holder, so
	 * no shared cache may keep it.
	 */
	@GetMapping(path = "/bookings/{bookingId}/ticket", produces = MediaType.IMAGE_PNG_VALUE)
	// Raw bytes, not the base64 text springdoc makes of a byte[].
	@ApiResponse(responseCode = "200", description = "A QR code of the ticket code",
			content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "409", description = "BOOKING_CANCELLED")
	Mono<ResponseEntity<byte[]>> ticket(@PathVariable UUID bookingId, @AuthenticationPrincipal Jwt token) {
		return this.tickets.image(Caller.of(token), bookingId)
			.map((png) -> ResponseEntity.ok()
				.contentType(MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.maxAge(Duration.ZERO).cachePrivate().mustRevalidate())
				.body(png));
	}

	/** A scan at the door (ADMIN, see SecurityConfig): admits once. */
	@PostMapping("/admin/checkins")
	@ApiResponse(responseCode = "200", description = "Admitted")
	@ApiResponse(responseCode = "404", description = "TICKET_NOT_FOUND")
	@ApiResponse(responseCode = "409",
			description = "ALREADY_CHECKED_IN (with the first checkedInAt) or BOOKING_CANCELLED")
	Mono<CheckinView> checkIn(@Valid @RequestBody Scan scan) {
		return this.tickets.checkIn(scan.ticketCode())
			.map((checkin) -> new CheckinView(checkin.bookingId(), checkin.showId(), checkin.seatIds(),
					checkin.checkedInAt()));
	}

	record Scan(@NotBlank @Size(max = 100) String ticketCode) {
	}

	record CheckinView(UUID bookingId, UUID showId, List<String> seatIds, Instant checkedInAt) {
	}

}
