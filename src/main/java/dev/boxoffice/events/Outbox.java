package dev.boxoffice.events;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Appends events to the {@code outbox} table. Call it inside the transaction that makes
 * the change, so the event exists exactly when the change does.
 */
@Component
public class Outbox {

	private final DatabaseClient db;

	private final JsonMapper json;

	Outbox(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	public Mono<Void> append(OutboxMessage message) {
		return this.db.sql("""
				insert into outbox (topic, message_key, event_type, payload)
				values (:topic, :key, :type, :payload)
				""")
			.bind("topic", message.topic())
			.bind("key", message.key())
			.bind("type", message.type())
			.bind("payload", Json.of(this.json.writeValueAsString(message.payload())))
			.then();
	}

}
