package dev.boxoffice.booking;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Stored outcomes of requests made with an {@code Idempotency-Key}, per user and key. */
public interface IdempotencyKeys {

	/** Claims the key for a first execution, or tells what became of the earlier one. */
	Mono<Claim> claim(UUID userId, String key, String requestHash);

	Mono<Void> complete(UUID userId, String key, int status, String body);

	/** Deletes up to {@code max} keys past the time they answer for; how many went. */
	Mono<Long> deleteExpired(int max);

	/** Forgets a claim whose execution failed in a way worth retrying (a 5xx). */
	Mono<Void> abandon(UUID userId, String key);

	sealed interface Claim {

		record Claimed() implements Claim {
		}

		record InProgress() implements Claim {
		}

		record Completed(int status, String body) implements Claim {
		}

		record KeyReused() implements Claim {
		}

	}

}
