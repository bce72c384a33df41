package dev.boxoffice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * The transactional outbox: events written in the transaction of the change they
 * announce, then published by the relay. Its store decides what "one publisher at a time"
 * and "marked only after the send" mean.
 */
public interface Outbox {

	/**
	 * Appends an event. Call it inside the transaction that makes the change, so the
	 * event exists exactly when the change does.
	 */
	Mono<Void> append(OutboxMessage message);

	/**
	 * In one transaction: when no other relay is publishing, takes up to {@code max}
	 * unpublished events in order, hands them to {@code send}, and marks them published
	 * only when {@code send} completes. A failed send leaves them for the next attempt.
	 * @return how many events were published
	 */
	Mono<Integer> publishNext(int max, Function<List<OutboxMessage>, Mono<Void>> send);

	/**
	 * Deletes up to {@code max} events published before {@code before}; how many went.
	 */
	Mono<Long> deletePublished(Instant before, int max);

	/** The events not published yet: how many, and how long the oldest has waited. */
	Mono<Backlog> backlog();

	/** {@code oldestAge} is zero when nothing waits. */
	record Backlog(long events, Duration oldestAge) {
	}

}
