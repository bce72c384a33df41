package dev.boxoffice.seating;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * Seat changes made by this instance, as one hot stream. Emission is serialized by
 * {@link Sinks.EmitFailureHandler#busyLooping} because holds, bookings and the sweeper
 * emit from many threads at once; a subscriber too slow to keep up misses changes rather
 * than holding up the request that made them.
 */
@Component
public class LocalSeatEvents implements SeatEvents {

	private final Sinks.Many<SeatChange> sink = Sinks.many().multicast().directBestEffort();

	private final Clock clock;

	LocalSeatEvents(Clock clock) {
		this.clock = clock;
	}

	public Flux<SeatChange> changes() {
		return this.sink.asFlux();
	}

	@Override
	public Mono<Void> held(UUID showId, List<String> seatIds) {
		return emit(showId, seatIds, SeatStatus.HELD, "held");
	}

	@Override
	public Mono<Void> released(UUID showId, List<String> seatIds, ReleaseReason reason) {
		return emit(showId, seatIds, SeatStatus.AVAILABLE, reason.wireName());
	}

	@Override
	public Mono<Void> booked(UUID showId, List<String> seatIds) {
		return emit(showId, seatIds, SeatStatus.BOOKED, "booked");
	}

	private Mono<Void> emit(UUID showId, List<String> seatIds, SeatStatus status, String reason) {
		return Mono.fromRunnable(() -> this.sink.emitNext(
				new SeatChange(showId, List.copyOf(seatIds), status, reason, this.clock.instant()),
				Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100))));
	}

}
