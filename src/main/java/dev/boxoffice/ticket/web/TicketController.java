package dev.boxoffice.ticket.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.security.Caller;
import dev.boxoffice.ticket.TicketService;
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
	Mono<ResponseEntity<byte[]>> ticket(@PathVariable UUID bookingId, @AuthenticationPrincipal Jwt token) {
		return this.tickets.image(Caller.of(token), bookingId)
			.map((png) -> ResponseEntity.ok()
				.contentType(MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.maxAge(Duration.ZERO).cachePrivate().mustRevalidate())
				.body(png));
	}

	/** A scan at the door (ADMIN, see SecurityConfig): admits once. */
	@PostMapping("/admin/checkins")
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
