package dev.boxoffice.events;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.seating.SeatEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Seat changes to {@code boxoffice.seat-events}. Holds and their releases never touch
 * PostgreSQL, so they are published directly and without making the request wait;
 * bookings and cancellations are already in the outbox of their transaction, so nothing
 * is sent for them here.
 */
@Component
class SeatEventPublisher implements SeatEvents {

	private static final Logger log = LoggerFactory.getLogger(SeatEventPublisher.class);

	private final EventTransport transport;

	private final JsonMapper json;

	private final Clock clock;

	SeatEventPublisher(EventTransport transport, JsonMapper json, Clock clock) {
		this.transport = transport;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public Mono<Void> held(UUID showId, List<String> seatIds) {
		return publish(showId, "SeatsHeld", Map.of("seatIds", seatIds));
	}

	@Override
	public Mono<Void> released(UUID showId, List<String> seatIds, ReleaseReason reason) {
		if (reason == ReleaseReason.CANCELLED) {
			return Mono.empty();
		}
		return publish(showId, "SeatsReleased", Map.of("seatIds", seatIds, "reason", reason.wireName()));
	}

	@Override
	public Mono<Void> booked(UUID showId, List<String> seatIds) {
		return Mono.empty();
	}

	private Mono<Void> publish(UUID showId, String type, Map<String, Object> fields) {
		OutboxMessage message = OutboxMessage.of(Topics.SEAT_EVENTS, type, showId, this.clock.instant(), fields);
		OutgoingEvent event = new OutgoingEvent(message.topic(), message.key(),
				this.json.writeValueAsString(message.payload()));
		return Mono.fromRunnable(() -> this.transport.send(List.of(event))
			.subscribe(null, (failure) -> log.warn("Seat event {} for show {} was not published: {}", type, showId,
					failure.toString())));
	}

}
