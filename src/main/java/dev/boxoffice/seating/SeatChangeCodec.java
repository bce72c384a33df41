package dev.boxoffice.seating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one wire format of {@link SeatChange} on {@code boxoffice.seat-events}: JSON with
 * {@code eventId}, {@code type} ({@code SeatsHeld}, {@code SeatsBooked},
 * {@code SeatsReleased}, {@code SeatsSetAside}), {@code version}, {@code showId},
 * {@code occurredAt}, {@code seatIds}, and {@code holdId} and {@code reason} where they
 * apply. Records are keyed by show id, so a show's changes stay in order.
 */
public final class SeatChangeCodec {

	static final int VERSION = 1;

	private static final String HELD = "SeatsHeld";

	private static final String BOOKED = "SeatsBooked";

	private static final String RELEASED = "SeatsReleased";

	private static final String SET_ASIDE = "SeatsSetAside";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SeatChangeCodec() {
	}

	public static String encode(SeatChange change, UUID eventId) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("eventId", eventId.toString());
		fields.put("type", type(change));
		fields.put("version", VERSION);
		fields.put("showId", change.showId().toString());
		fields.put("occurredAt", change.occurredAt().toString());
		fields.put("seatIds", change.seatIds());
		if (change instanceof SeatChange.Held held) {
			fields.put("holdId", held.holdId().toString());
		}
		else if (change instanceof SeatChange.Booked booked) {
			fields.put("holdId", booked.holdId().toString());
		}
		else if (change instanceof SeatChange.Released released) {
			fields.put("reason", released.reason().name().toLowerCase(Locale.ROOT));
			if (released.holdId() != null) {
				fields.put("holdId", released.holdId().toString());
			}
		}
		else if (change instanceof SeatChange.SetAside setAside) {
			fields.put("reason", setAside.reason().name().toLowerCase(Locale.ROOT));
			if (setAside.holdId() != null) {
				fields.put("holdId", setAside.holdId().toString());
			}
		}
		return JSON.writeValueAsString(fields);
	}

	/** The change as an outbox row, for changes that commit with a transaction. */
	public static OutboxMessage toOutbox(SeatChange change) {
		return new OutboxMessage(Topics.SEAT_EVENTS, change.showId().toString(), type(change),
				encode(change, UUID.randomUUID()));
	}

	/** The change a record carries, or empty for a type this version does not know. */
	public static Optional<SeatChange> decode(String json) {
		JsonNode event = JSON.readTree(json);
		UUID showId = UUID.fromString(event.get("showId").asString());
		List<String> seatIds = new ArrayList<>();
		event.get("seatIds").forEach((seat) -> seatIds.add(seat.asString()));
		Instant occurredAt = Instant.parse(event.get("occurredAt").asString());
		UUID holdId = event.hasNonNull("holdId") ? UUID.fromString(event.get("holdId").asString()) : null;
		return Optional.ofNullable(switch (event.get("type").asString()) {
			case HELD -> new SeatChange.Held(showId, seatIds, holdId, occurredAt);
			case BOOKED -> new SeatChange.Booked(showId, seatIds, holdId, occurredAt);
			case RELEASED -> new SeatChange.Released(showId, seatIds, reason(event), holdId, occurredAt);
			case SET_ASIDE -> new SeatChange.SetAside(showId, seatIds, reason(event), holdId, occurredAt);
			default -> null;
		});
	}

	private static SeatChange.Reason reason(JsonNode event) {
		return SeatChange.Reason.valueOf(event.get("reason").asString().toUpperCase(Locale.ROOT));
	}

	private static String type(SeatChange change) {
		if (change instanceof SeatChange.Held) {
			return HELD;
		}
		if (change instanceof SeatChange.SetAside) {
			return SET_ASIDE;
		}
		return (change instanceof SeatChange.Booked) ? BOOKED : RELEASED;
	}

}
