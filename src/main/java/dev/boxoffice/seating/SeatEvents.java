package dev.boxoffice.seating;

import reactor.core.publisher.Mono;

/**
 * Where holds and releases go as they happen (bookings and cancellations go through the
 * outbox of their transaction instead). Publishing never makes a request wait for the
 * broker: a change that cannot be sent is counted and the live maps converge on their
 * next snapshot.
 */
public interface SeatEvents {

	Mono<Void> publish(SeatChange change);

}
