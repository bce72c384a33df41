package dev.boxoffice.seating;

import reactor.core.publisher.Mono;

/**
 * Where holds and releases go as they happen (bookings and cancellations go through the
 * outbox of their transaction instead). Publishing completes once the broker has the
 * change, so whatever its caller does next is announced after it; it waits a moment at
 * most and never fails: a change that cannot be sent is counted and the live maps
 * converge on their next snapshot.
 */
public interface SeatEvents {

	Mono<Void> publish(SeatChange change);

}
