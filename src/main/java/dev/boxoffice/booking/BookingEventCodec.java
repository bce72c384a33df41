package dev.boxoffice.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one wire format of {@link BookingEvent}: JSON with {@code eventId}, {@code type}
 * ({@code BookingConfirmed}, {@code BookingCancelled}), {@code version}, {@code showId},
 * {@code occurredAt}, then {@code bookingId}, {@code userId}, {@code holdId},
 * {@code seatIds}, {@code totalPrice} and {@code currency}. Keyed by show id.
 */
public final class BookingEventCodec {

	static final int VERSION = 1;

	private static final String CONFIRMED = "BookingConfirmed";

	private static final String CANCELLED = "BookingCancelled";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BookingEventCodec() {
	}

	static OutboxMessage toOutbox(BookingEvent event) {
		Booking booking = event.booking();
		String type = (event instanceof BookingEvent.Confirmed) ? CONFIRMED : CANCELLED;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("eventId", event.eventId().toString());
		fields.put("type", type);
		fields.put("version", VERSION);
		fields.put("showId", booking.showId().toString());
		fields.put("occurredAt", event.occurredAt().toString());
		fields.put("bookingId", booking.bookingId().toString());
		fields.put("userId", booking.userId().toString());
		fields.put("holdId", booking.holdId().toString());
		fields.put("seatIds", booking.seatIds());
		fields.put("totalPrice", booking.totalPrice());
		fields.put("currency", booking.currency());
		return new OutboxMessage(Topics.BOOKING_EVENTS, booking.showId().toString(), type,
				JSON.writeValueAsString(fields));
	}

	/** The event a record carries, or empty for a type this version does not know. */
	public static Optional<BookingEvent> decode(String json) {
		JsonNode event = JSON.readTree(json);
		String type = event.get("type").asString();
		if (!CONFIRMED.equals(type) && !CANCELLED.equals(type)) {
			return Optional.empty();
		}
		List<String> seatIds = new ArrayList<>();
		event.get("seatIds").forEach((seat) -> seatIds.add(seat.asString()));
		UUID holdId = event.hasNonNull("holdId") ? UUID.fromString(event.get("holdId").asString()) : null;
		Booking booking = BookingEvent.summary(UUID.fromString(event.get("bookingId").asString()),
				UUID.fromString(event.get("userId").asString()), UUID.fromString(event.get("showId").asString()),
				holdId, seatIds, event.get("totalPrice").asLong(), event.get("currency").asString(),
				CONFIRMED.equals(type) ? Booking.Status.CONFIRMED : Booking.Status.CANCELLED);
		UUID eventId = UUID.fromString(event.get("eventId").asString());
		Instant occurredAt = Instant.parse(event.get("occurredAt").asString());
		return Optional.of(CONFIRMED.equals(type) ? new BookingEvent.Confirmed(eventId, booking, occurredAt)
				: new BookingEvent.Cancelled(eventId, booking, occurredAt));
	}

}
