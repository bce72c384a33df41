package dev.boxoffice.booking.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import dev.boxoffice.DomainError;
import dev.boxoffice.booking.BookingService;
import dev.boxoffice.booking.IdempotencyKeyInUse;
import dev.boxoffice.booking.IdempotencyKeyReused;
import dev.boxoffice.booking.IdempotencyKeys;
import dev.boxoffice.booking.IdempotencyKeys.Claim;
import dev.boxoffice.web.Problem;
import dev.boxoffice.web.ProblemMapper;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} for POST /bookings: the first outcome (a booking or a 4xx
 * problem) is stored in PostgreSQL and replayed for the same key and body; the same key
 * with another body is refused; a request arriving while the first is still running waits
 * for its outcome. A 5xx is not stored, so the client's retry runs again (and cannot
 * charge twice: charges are idempotent by hold).
 */
@Component
class IdempotentConfirmation {

	private static final Duration POLL = Duration.ofMillis(100);

	private static final int MAX_POLLS = 300;

	private final IdempotencyKeys keys;

	private final BookingService bookings;

	private final ProblemMapper problems;

	private final JsonMapper json;

	IdempotentConfirmation(IdempotencyKeys keys, BookingService bookings, ProblemMapper problems, JsonMapper json) {
		this.keys = keys;
		this.bookings = bookings;
		this.problems = problems;
		this.json = json;
	}

	/** The outcome as status and JSON body, exactly as it will be (re)played. */
	record Outcome(int status, String body) {

		boolean isProblem() {
			return this.status >= 400;
		}

	}

	Mono<Outcome> confirm(UUID userId, String key, UUID holdId, String token) {
		String hash = hash(holdId + "\n" + token);
		return this.keys.claim(userId, key, hash)
			.flatMap((claim) -> outcomeOf(claim, userId, key, holdId, token))
			.retryWhen(Retry.fixedDelay(MAX_POLLS, POLL).filter(StillInProgress.class::isInstance))
			.onErrorMap((failure) -> failure.getCause() instanceof StillInProgress,
					(failure) -> new IdempotencyKeyInUse());
	}

	private Mono<Outcome> outcomeOf(Claim claim, UUID userId, String key, UUID holdId, String token) {
		if (claim instanceof Claim.Completed completed) {
			return Mono.just(new Outcome(completed.status(), completed.body()));
		}
		if (claim instanceof Claim.KeyReused) {
			return Mono.error(new IdempotencyKeyReused());
		}
		if (claim instanceof Claim.InProgress) {
			return Mono.error(new StillInProgress());
		}
		return this.bookings.confirm(userId, holdId, token)
			.map((booking) -> new Outcome(HttpStatus.CREATED.value(),
					this.json.writeValueAsString(BookingView.of(booking))))
			.onErrorResume(DomainError.class, (refusal) -> Mono.just(problemOutcome(refusal)))
			.flatMap((outcome) -> this.keys.complete(userId, key, outcome.status(), outcome.body()).thenReturn(outcome))
			.onErrorResume((failure) -> !(failure instanceof DomainError),
					(failure) -> this.keys.abandon(userId, key).then(Mono.error(failure)));
	}

	private Outcome problemOutcome(Throwable problem) {
		Problem mapped = this.problems.map(problem);
		return new Outcome(mapped.status().value(), this.json.writeValueAsString(mapped.members()));
	}

	private static String hash(String request) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private static final class StillInProgress extends RuntimeException {

		StillInProgress() {
			super("in progress", null, false, false);
		}

	}

}
