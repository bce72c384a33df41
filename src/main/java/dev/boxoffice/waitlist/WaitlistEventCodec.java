package dev.boxoffice.waitlist;

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
 * The one wire format of {@link WaitlistEvent}: JSON with {@code eventId}, {@code type}
 * ({@code WaitlistJoined}, {@code WaitlistOffered}), {@code version}, {@code showId},
 * {@code occurredAt}, {@code entryId}, {@code userId}, then the count and category of a
 * join or the hold, seats and end of an offer. Keyed by show id.
 */
public final class WaitlistEventCodec {

	static final int VERSION = 1;

	private static final String JOINED = "WaitlistJoined";

	private static final String OFFERED = "WaitlistOffered";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WaitlistEventCodec() {
	}

	static OutboxMessage toOutbox(WaitlistEvent event) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("eventId", event.eventId().toString());
		fields.put("type", (event instanceof WaitlistEvent.Joined) ? JOINED : OFFERED);
		fields.put("version", VERSION);
		fields.put("showId", event.showId().toString());
		fields.put("occurredAt", event.occurredAt().toString());
		fields.put("entryId", event.entryId().toString());
		fields.put("userId", event.userId().toString());
		if (event instanceof WaitlistEvent.Joined joined) {
			fields.put("count", joined.count());
			fields.put("category", joined.category());
		}
		else if (event instanceof WaitlistEvent.Offered offered) {
			fields.put("holdId", offered.holdId().toString());
			fields.put("seatIds", offered.seatIds());
			fields.put("expiresAt", offered.expiresAt().toString());
		}
		return new OutboxMessage(Topics.WAITLIST_EVENTS, event.showId().toString(), (String) fields.get("type"),
				JSON.writeValueAsString(fields));
	}

	/** The event a record carries, or empty for a type this version does not know. */
	public static Optional<WaitlistEvent> decode(String json) {
		JsonNode event = JSON.readTree(json);
		UUID eventId = UUID.fromString(event.get("eventId").asString());
		UUID entryId = UUID.fromString(event.get("entryId").asString());
		UUID showId = UUID.fromString(event.get("showId").asString());
		UUID userId = UUID.fromString(event.get("userId").asString());
		Instant occurredAt = Instant.parse(event.get("occurredAt").asString());
		return Optional.ofNullable(switch (event.get("type").asString()) {
			case JOINED -> new WaitlistEvent.Joined(eventId, entryId, showId, userId, event.get("count").asInt(),
					event.hasNonNull("category") ? event.get("category").asString() : null, occurredAt);
			case OFFERED -> {
				List<String> seats = new ArrayList<>();
				event.get("seatIds").forEach((seat) -> seats.add(seat.asString()));
				yield new WaitlistEvent.Offered(eventId, entryId, showId, userId,
						UUID.fromString(event.get("holdId").asString()), seats,
						Instant.parse(event.get("expiresAt").asString()), occurredAt);
			}
			default -> null;
		});
	}

}
