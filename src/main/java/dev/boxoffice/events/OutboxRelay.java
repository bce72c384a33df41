package dev.boxoffice.events;

import java.time.Duration;
import java.util.List;

import dev.boxoffice.events.EventTransport.OutgoingEvent;
import io.r2dbc.postgresql.codec.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes outbox rows to Kafka: at least once, in order, marked published only after
 * the broker acknowledged them. Every instance runs a relay; a transaction-scoped
 * advisory lock lets one of them publish at a time, which keeps each show's events in
 * order across instances and hands over at once when that instance dies (its lock goes
 * with its connection). While the broker is away the rows wait and the relay backs off.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	static final int BATCH = 500;

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final EventTransport transport;

	private final EventSettings settings;

	private volatile Disposable running;

	OutboxRelay(DatabaseClient db, TransactionalOperator transaction, EventTransport transport,
			EventSettings settings) {
		this.db = db;
		this.transaction = transaction;
		this.transport = transport;
		this.settings = settings;
	}

	/**
	 * Publishes one batch if this relay holds the lock; returns how many rows it
	 * published.
	 */
	Mono<Integer> relayBatch() {
		Mono<Boolean> lock = this.db.sql("select pg_try_advisory_xact_lock(hashtext('boxoffice.outbox-relay'))")
			.map((row) -> row.get(0, Boolean.class))
			.one();
		Mono<List<Row>> batch = this.db.sql("""
				select id, topic, message_key, payload from outbox
				where published_at is null order by id limit :batch for update skip locked
				""")
			.bind("batch", BATCH)
			.map((row) -> new Row(row.get("id", Long.class), row.get("topic", String.class),
					row.get("message_key", String.class), row.get("payload", Json.class).asString()))
			.all()
			.collectList();
		return lock.flatMap((held) -> held ? batch : Mono.just(List.<Row>of()))
			.flatMap((rows) -> rows.isEmpty() ? Mono.just(0)
					: this.transport.send(rows.stream().map(Row::event).toList())
						.then(this.db.sql("update outbox set published_at = now() where id = any(:ids)")
							.bind("ids", rows.stream().map(Row::id).toArray(Long[]::new))
							.then())
						.thenReturn(rows.size()))
			.as(this.transaction::transactional);
	}

	@Override
	public void start() {
		this.running = Mono.defer(this::relayBatch)
			// A full batch means more is waiting: go on at once; otherwise rest a moment.
			.flatMap((published) -> (published == BATCH) ? Mono.just(published)
					: Mono.delay(this.settings.relayInterval()).thenReturn(published))
			.doOnError((failure) -> log.warn("Outbox relay could not publish; backing off: {}", failure.toString()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
				.maxBackoff(Duration.ofSeconds(30))
				.transientErrors(true))
			.repeat()
			.subscribe();
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

	private record Row(long id, String topic, String key, String payload) {

		OutgoingEvent event() {
			return new OutgoingEvent(this.topic, this.key, this.payload);
		}

	}

}
