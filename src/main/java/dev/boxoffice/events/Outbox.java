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
	 * Appends events, in their order, in one round trip. Call it inside the transaction
	 * that makes the change, so the events exist exactly when the change does.
	 */
	Mono<Void> append(List<OutboxMessage> messages);

	/** {@link #append(List)} of one event. */
	default Mono<Void> append(OutboxMessage message) {
		return append(List.of(message));
	}

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
