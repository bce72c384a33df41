package dev.boxoffice.events.r2dbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.boxoffice.events.Outbox;
import dev.boxoffice.events.OutboxMessage;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The outbox in PostgreSQL's {@code outbox} table. A transaction-scoped advisory lock
 * lets one relay publish at a time, which keeps each show's events in order across
 * instances and hands over at once when that instance dies (its lock goes with its
 * connection).
 */
@Repository
class R2dbcOutbox implements Outbox {

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	R2dbcOutbox(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	/**
	 * One statement for all the events of a change: the ids the rows draw from their
	 * sequence follow the order given, which is the order the relay publishes them in.
	 */
	@Override
	public Mono<Void> append(List<OutboxMessage> messages) {
		if (messages.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				insert into outbox (topic, message_key, event_type, payload)
				select topic, message_key, event_type, payload::jsonb
				from unnest(:topics::text[], :keys::text[], :types::text[], :payloads::text[])
				     with ordinality as message(topic, message_key, event_type, payload, position)
				order by position
				""")
			.bind("topics", messages.stream().map(OutboxMessage::topic).toArray(String[]::new))
			.bind("keys", messages.stream().map(OutboxMessage::key).toArray(String[]::new))
			.bind("types", messages.stream().map(OutboxMessage::type).toArray(String[]::new))
			.bind("payloads", messages.stream().map(OutboxMessage::payload).toArray(String[]::new))
			.then();
	}

	@Override
	public Mono<Integer> publishNext(int max, Function<List<OutboxMessage>, Mono<Void>> send) {
		Mono<Boolean> lock = this.db.sql("select pg_try_advisory_xact_lock(hashtext('boxoffice.outbox-relay'))")
			.map((row) -> row.get(0, Boolean.class))
			.one();
		Mono<List<Row>> batch = this.db.sql("""
				select id, topic, message_key, event_type, payload from outbox
				where published_at is null order by id limit :batch for update skip locked
				""")
			.bind("batch", max)
			.map((row) -> new Row(row.get("id", Long.class),
					new OutboxMessage(row.get("topic", String.class), row.get("message_key", String.class),
							row.get("event_type", String.class), row.get("payload", Json.class).asString())))
			.all()
			.collectList();
		return lock.flatMap((held) -> held ? batch : Mono.just(List.<Row>of()))
			.flatMap((rows) -> rows.isEmpty() ? Mono.just(0)
					: send.apply(rows.stream().map(Row::message).toList())
						.then(this.db.sql("update outbox set published_at = now() where id = any(:ids)")
							.bind("ids", rows.stream().map(Row::id).toArray(Long[]::new))
							.then())
						.thenReturn(rows.size()))
			.as(this.transaction::transactional);
	}

	@Override
	public Mono<Long> deletePublished(Instant before, int max) {
		return this.db.sql("""
				delete from outbox where id in (
				    select id from outbox where published_at < :before order by id limit :max)
				""").bind("before", before).bind("max", max).fetch().rowsUpdated();
	}

	/**
	 * The age is the database's own clock against the row's {@code created_at}, which
	 * that clock wrote: no skew between hosts. The oldest row is the first by id, found
	 * in the index of unpublished rows.
	 */
	@Override
	public Mono<Backlog> backlog() {
		return this.db.sql("""
				select (select count(*) from outbox where published_at is null) as events,
				       coalesce(extract(epoch from now() - (select created_at from outbox where published_at is null
				                                            order by id limit 1)), 0) as age
				""")
			.map((row) -> new Backlog(((Number) row.get("events")).longValue(),
					Duration.ofMillis(Math.max(0, Math.round(((Number) row.get("age")).doubleValue() * 1000)))))
			.one();
	}

	private record Row(long id, OutboxMessage message) {
	}

}
