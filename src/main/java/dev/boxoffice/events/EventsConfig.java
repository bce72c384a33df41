package dev.boxoffice.events;

import java.time.Clock;
import java.time.Duration;

import dev.boxoffice.BackgroundLoop;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics, created at start-up (when missing) by Spring Kafka's admin, and the outbox
 * relay's loop.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfig {

	/** The longest the relay waits between attempts while the broker is away. */
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	static final int RETENTION_BATCH = 5_000;

	@Bean
	NewTopic bookingEvents(EventSettings settings) {
		return new NewTopic(Topics.BOOKING_EVENTS, settings.partitions(), settings.replicationFactor());
	}

	@Bean
	NewTopic seatEvents(EventSettings settings) {
		return new NewTopic(Topics.SEAT_EVENTS, settings.partitions(), settings.replicationFactor());
	}

	@Bean
	NewTopic waitlistEvents(EventSettings settings) {
		return new NewTopic(Topics.WAITLIST_EVENTS, settings.partitions(), settings.replicationFactor());
	}

	@Bean
	NewTopic bookingEventsDeadLetters(EventSettings settings) {
		return new NewTopic(Topics.BOOKING_EVENTS_DLT, 1, settings.replicationFactor());
	}

	/**
	 * Published events are kept {@code boxoffice.retention.outbox-published} (an hour by
	 * default: enough to look into what was sent) and then deleted in batches, so the
	 * table stays small however long the service runs.
	 */
	@Bean
	BackgroundLoop outboxRetention(Outbox outbox, Clock clock,
			@Value("${boxoffice.retention.interval}") Duration interval,
			@Value("${boxoffice.retention.outbox-published}") Duration keep) {
		return BackgroundLoop.repeating("Outbox retention", interval,
				() -> outbox.deletePublished(clock.instant().minus(keep), RETENTION_BATCH)
					.map((deleted) -> deleted == RETENTION_BATCH),
				MAX_BACKOFF);
	}

	/**
	 * The outbox gauges and the consumer lag, read every few seconds (a scrape reads what
	 * was last found, and never waits on the database or the broker).
	 */
	static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

	@Bean
	BackgroundLoop outboxBacklogGauges(OutboxBacklog backlog) {
		return BackgroundLoop.repeating("Outbox backlog gauges", GAUGE_REFRESH, backlog::refresh, MAX_BACKOFF);
	}

	@Bean
	BackgroundLoop consumerLagGauges(ConsumerLag lag) {
		return BackgroundLoop.repeating("Consumer lag gauges", GAUGE_REFRESH, lag::refresh, MAX_BACKOFF);
	}

	/** A full batch means more is waiting: the relay goes on at once. */
	@Bean
	BackgroundLoop outboxRelayLoop(OutboxRelay relay, EventSettings settings) {
		return BackgroundLoop.repeating("Outbox relay", settings.relayInterval(),
				() -> relay.relayBatch().map((published) -> published == OutboxRelay.BATCH), MAX_BACKOFF);
	}

}
