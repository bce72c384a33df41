package dev.boxoffice.events;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * How far the outbox is behind: the events not yet published, and the age of the oldest.
 * Both grow while Kafka is away; the age is what the BoxOfficeOutboxStalled alert
 * watches. A scrape never queries the database: the values are refreshed by a loop (see
 * {@link EventsConfig}) and the gauges read what it last found.
 */
@Component
class OutboxBacklog {

	private final Outbox outbox;

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong oldestAgeMillis = new AtomicLong();

	OutboxBacklog(Outbox outbox, MeterRegistry meters) {
		this.outbox = outbox;
		Gauge.builder("boxoffice.outbox.backlog", this.events, AtomicLong::get)
			.description("Outbox rows not yet published to Kafka")
			.register(meters);
		Gauge.builder("boxoffice.outbox.oldest.age", this.oldestAgeMillis, (millis) -> millis.get() / 1000.0)
			.description("Age of the oldest unpublished outbox row")
			.baseUnit("seconds")
			.register(meters);
	}

	/** Reads the backlog once; never asks for an immediate repetition. */
	Mono<Boolean> refresh() {
		return this.outbox.backlog().map((backlog) -> {
			this.events.set(backlog.events());
			this.oldestAgeMillis.set(backlog.oldestAge().toMillis());
			return false;
		});
	}

}
