package dev.boxoffice.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.IncomingEvent;
import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.notification.Notification.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Confirms and cancels bookings to the customer. Consumes
 * {@code boxoffice.booking-events} as one group across instances; an event is retried
 * with backoff, then parked on the dead-letter topic so one bad event cannot stop the
 * others. Offsets are committed only after an event is handled, so a crash redelivers it,
 * and the sender's idempotence absorbs that.
 */
@Component
class BookingNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BookingNotifications.class);

	static final String GROUP = "boxoffice-notifications";

	static final int ATTEMPTS = 4;

	private final EventTransport transport;

	private final NotificationSender sender;

	private final DatabaseClient db;

	private final JsonMapper json;

	private volatile Disposable running;

	BookingNotifications(EventTransport transport, NotificationSender sender, DatabaseClient db, JsonMapper json) {
		this.transport = transport;
		this.sender = sender;
		this.db = db;
		this.json = json;
	}

	@Override
	public void start() {
		this.running = this.transport.receive(GROUP, List.of(Topics.BOOKING_EVENTS), false)
			.concatMap((event) -> handle(event).doOnSuccess((done) -> event.acknowledge()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
			.subscribe();
	}

	/** Handles one event: notified, retried, or parked; it never fails the stream. */
	Mono<Void> handle(IncomingEvent event) {
		return Mono.defer(() -> notify(event.payload()))
			.retryWhen(Retry.backoff(ATTEMPTS - 1, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
			.then()
			.onErrorResume((failure) -> park(event, failure));
	}

	Mono<Boolean> notify(String payload) {
		JsonNode event = this.json.readTree(payload);
		Kind kind = switch (event.get("type").asString()) {
			case "BookingConfirmed" -> Kind.BOOKING_CONFIRMED;
			case "BookingCancelled" -> Kind.BOOKING_CANCELLED;
			default -> null;
		};
		if (kind == null) {
			return Mono.just(false);
		}
		UUID userId = UUID.fromString(event.get("userId").asString());
		return this.db.sql("select email from users where id = :id")
			.bind("id", userId)
			.map((row) -> row.get(0, String.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No user " + userId)))
			.flatMap((email) -> this.sender.send(new Notification(UUID.fromString(event.get("eventId").asString()),
					UUID.fromString(event.get("bookingId").asString()), userId, kind, email)));
	}

	private Mono<Void> park(IncomingEvent event, Throwable failure) {
		log.error("Parking booking event at {}-{} on {} after {} attempts", event.partition(), event.position(),
				Topics.BOOKING_EVENTS_DLT, ATTEMPTS, failure);
		Throwable cause = Exceptions.isRetryExhausted(failure) ? failure.getCause() : failure;
		ObjectNode parked = this.json.createObjectNode();
		parked.put("error", String.valueOf(cause.getMessage()));
		parked.put("partition", event.partition());
		parked.put("offset", event.position());
		parked.put("event", event.payload());
		return this.transport.send(List
			.of(new OutgoingEvent(Topics.BOOKING_EVENTS_DLT, event.key(), this.json.writeValueAsString(parked))));
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
