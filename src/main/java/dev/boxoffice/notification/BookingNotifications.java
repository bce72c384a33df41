package dev.boxoffice.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.booking.BookingEvent;
import dev.boxoffice.booking.BookingEventCodec;
import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.IncomingEvent;
import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.notification.Notification.Kind;
import dev.boxoffice.waitlist.WaitlistEvent;
import dev.boxoffice.waitlist.WaitlistEventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Confirms and cancels bookings to the customer, and tells a waiting customer of an
 * offer. Consumes {@code boxoffice.booking-events} and {@code boxoffice.waitlist-events}
 * as one group across instances; an event is retried with backoff, then parked on the
 * dead-letter topic so one bad event cannot stop the others. Offsets are committed only
 * after an event is handled, so a crash redelivers it, and the sender's idempotence
 * absorbs that.
 */
@Component
class BookingNotifications {

	private static final Logger log = LoggerFactory.getLogger(BookingNotifications.class);

	static final String GROUP = "boxoffice-notifications";

	static final int ATTEMPTS = 4;

	private final EventTransport transport;

	private final NotificationSender sender;

	private final Recipients recipients;

	private final JsonMapper json;

	BookingNotifications(EventTransport transport, NotificationSender sender, Recipients recipients, JsonMapper json) {
		this.transport = transport;
		this.sender = sender;
		this.recipients = recipients;
		this.json = json;
	}

	/** One delivery per event across all instances: they share the consumer group. */
	BackgroundLoop loop() {
		return BackgroundLoop.consuming("Booking notifications",
				() -> this.transport.receive(GROUP, List.of(Topics.BOOKING_EVENTS, Topics.WAITLIST_EVENTS), false)
					.concatMap((event) -> handle(event).doOnSuccess((done) -> event.acknowledge())),
				Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	/** Handles one event: notified, retried, or parked; it never fails the stream. */
	Mono<Void> handle(IncomingEvent event) {
		return Mono
			.defer(() -> Topics.WAITLIST_EVENTS.equals(event.topic()) ? notifyOffer(event.payload())
					: notify(event.payload()))
			// A recipient who is gone stays gone: retrying would only hold up the events
			// behind this one in its partition.
			.retryWhen(Retry.backoff(ATTEMPTS - 1, Duration.ofMillis(200))
				.maxBackoff(Duration.ofSeconds(5))
				.filter((failure) -> !(failure instanceof NoRecipient)))
			.then()
			.onErrorResume((failure) -> park(event, failure));
	}

	Mono<Boolean> notify(String payload) {
		return BookingEventCodec.decode(payload).map((event) -> {
			Kind kind = (event instanceof BookingEvent.Confirmed) ? Kind.BOOKING_CONFIRMED : Kind.BOOKING_CANCELLED;
			UUID userId = event.booking().userId();
			return this.recipients.emailOf(userId)
				.switchIfEmpty(Mono.error(() -> new NoRecipient(userId)))
				.flatMap((email) -> this.sender
					.send(Notification.ofBooking(event.eventId(), event.booking().bookingId(), userId, kind, email)));
		}).orElse(Mono.just(false));
	}

	/** An offer tells its owner which seats are theirs, and until when. */
	Mono<Boolean> notifyOffer(String payload) {
		return WaitlistEventCodec.decode(payload)
			.filter(WaitlistEvent.Offered.class::isInstance)
			.map(WaitlistEvent.Offered.class::cast)
			.map((offer) -> this.recipients.emailOf(offer.userId())
				.switchIfEmpty(Mono.error(() -> new NoRecipient(offer.userId())))
				.flatMap((email) -> this.sender.send(new Notification(offer.eventId(), null, offer.entryId(),
						offer.userId(), Kind.WAITLIST_OFFER, email, offer.expiresAt()))))
			.orElse(Mono.just(false));
	}

	private Mono<Void> park(IncomingEvent event, Throwable failure) {
		boolean exhausted = Exceptions.isRetryExhausted(failure);
		log.error("Parking booking event at {}-{} on {} after {} attempt(s)", event.partition(), event.position(),
				Topics.BOOKING_EVENTS_DLT, exhausted ? ATTEMPTS : 1, failure);
		Throwable cause = exhausted ? failure.getCause() : failure;
		ObjectNode parked = this.json.createObjectNode();
		parked.put("error", String.valueOf(cause.getMessage()));
		parked.put("partition", event.partition());
		parked.put("offset", event.position());
		parked.put("attempts", exhausted ? ATTEMPTS : 1);
		parked.put("event", event.payload());
		return this.transport.send(List
			.of(new OutgoingEvent(Topics.BOOKING_EVENTS_DLT, event.key(), this.json.writeValueAsString(parked))));
	}

	/** The event's user no longer exists (an account deleted since): nobody to notify. */
	static final class NoRecipient extends IllegalStateException {

		NoRecipient(UUID userId) {
			super("No user " + userId);
		}

	}

}
