package dev.boxoffice.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A domain event on its way to Kafka. Every event carries {@code eventId} (consumers drop
 * duplicates by it), {@code type}, {@code version}, {@code showId} and
 * {@code occurredAt}, then its own payload.
 */
public record OutboxMessage(String topic, String key, String type, Map<String, Object> payload) {

	public static final int VERSION = 1;

	public static OutboxMessage of(String topic, String type, UUID showId, Instant occurredAt,
			Map<String, Object> fields) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", UUID.randomUUID().toString());
		payload.put("type", type);
		payload.put("version", VERSION);
		payload.put("showId", showId.toString());
		payload.put("occurredAt", occurredAt.toString());
		payload.putAll(fields);
		return new OutboxMessage(topic, showId.toString(), type, payload);
	}

}
