package dev.boxoffice.waitlist.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.security.Caller;
import dev.boxoffice.waitlist.WaitlistEntry;
import dev.boxoffice.waitlist.WaitlistService;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Flux;
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
class WaitlistController {

	private final WaitlistService waitlist;

	WaitlistController(WaitlistService waitlist) {
		this.waitlist = waitlist;
	}

	@PostMapping("/shows/{showId}/waitlist")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "ALREADY_WAITING")
	@ApiResponse(responseCode = "422", description = "VALIDATION_FAILED, UNKNOWN_CATEGORY or SHOW_CLOSED")
	Mono<ResponseEntity<EntryView>> join(@PathVariable UUID showId, @Valid @RequestBody Join body,
			@AuthenticationPrincipal Jwt token) {
		return this.waitlist.join(Caller.of(token).userId(), showId, body.count(), body.category())
			.map((entry) -> ResponseEntity.created(URI.create("/api/v1/waitlist/" + entry.entryId()))
				.body(EntryView.of(entry)));
	}

	@GetMapping("/waitlist")
	Flux<EntryView> mine(@AuthenticationPrincipal Jwt token) {
		return this.waitlist.mine(Caller.of(token).userId()).map(EntryView::of);
	}

	@DeleteMapping("/waitlist/{entryId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<ResponseEntity<Void>> leave(@PathVariable UUID entryId, @AuthenticationPrincipal Jwt token) {
		return this.waitlist.leave(Caller.of(token).userId(), entryId).thenReturn(ResponseEntity.noContent().build());
	}

	record Join(@NotNull @Min(1) Integer count, @Pattern(regexp = "[A-Z][A-Z0-9_]{0,29}",
			message = "must be upper case, like STANDARD or VIP") String category) {
	}

	/** An entry as its owner sees it (API.md's Waitlist). */
	record EntryView(UUID entryId, UUID showId, int count, String category, Integer position,
			WaitlistEntry.Status status, UUID holdId, Instant expiresAt, Instant createdAt) {

		static EntryView of(WaitlistEntry entry) {
			return new EntryView(entry.entryId(), entry.showId(), entry.count(), entry.category(), entry.position(),
					entry.status(), entry.holdId(), entry.offerExpiresAt(), entry.createdAt());
		}

	}

}
