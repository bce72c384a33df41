package dev.boxoffice.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxRelayTest extends ApiTest {

	@Autowired
	private Outbox outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private EventTransport transport;

	@Autowired
	@Qualifier("outboxRelayLoop")
	private BackgroundLoop relayLoop;

	@Autowired
	private JsonMapper json;

	/** An event of a show as a feature would write it: JSON with its own event id. */
	private OutboxMessage message(UUID show, String eventId) {
		return new OutboxMessage(Topics.BOOKING_EVENTS, show.toString(), "RelayTest", this.json
			.writeValueAsString(Map.of("eventId", eventId, "type", "RelayTest", "showId", show.toString())));
	}

	@Test
	void twoRelaysRacingPublishEveryRowAndLoseNone() {
		UUID show = UUID.randomUUID();
		Set<String> written = ConcurrentHashMap.newKeySet();
		Flux.range(0, 300).concatMap((i) -> {
			String eventId = UUID.randomUUID().toString();
			written.add(eventId);
			return this.outbox.append(message(show, eventId));
		}).blockLast();
		Set<String> received = ConcurrentHashMap.newKeySet();
		Disposable consumer = this.transport
			.receive("relay-test-" + UUID.randomUUID(), List.of(Topics.BOOKING_EVENTS), false)
			.map((event) -> this.json.readTree(event.payload()))
			.filter((event) -> event.get("showId").asString().equals(show.toString()))
			.subscribe((event) -> received.add(event.get("eventId").asString()));
		// This instance's relay and a second one, as on another instance, both hard at
		// work. A tick that comes while a batch is still running is dropped: without
		// that, the interval failed as soon as batches took longer than a tick, and the
		// second relay stopped racing after a few of them.
		OutboxRelay other = new OutboxRelay(this.outbox, this.transport);
		Disposable racing = Flux.interval(Duration.ofMillis(5))
			.onBackpressureDrop()
			.concatMap((tick) -> other.relayBatch(), 1)
			.subscribe();
		try {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).containsAll(written));
			// A batch is marked published when its transaction commits, which can come a
			// moment after the consumer has seen it.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(this.data.count("select count(*) from outbox where published_at is null"))
							.isZero());
		}
		finally {
			racing.dispose();
			consumer.dispose();
		}
	}

	@Test
	void eventsAppendedTogetherReachConsumersInTheirOrder() {
		UUID show = UUID.randomUUID();
		List<String> written = Flux.range(0, 50)
			.map((i) -> "event-" + i + "-" + UUID.randomUUID())
			.collectList()
			.block();
		List<String> received = new CopyOnWriteArrayList<>();
		Disposable consumer = this.transport
			.receive("order-test-" + UUID.randomUUID(), List.of(Topics.BOOKING_EVENTS), false)
			.map((event) -> this.json.readTree(event.payload()))
			.filter((event) -> event.get("showId").asString().equals(show.toString()))
			.subscribe((event) -> received.add(event.get("eventId").asString()));
		try {
			this.outbox.append(written.stream().map((eventId) -> message(show, eventId)).toList()).block();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).hasSize(written.size()));
			assertThat(received).containsExactlyElementsOf(written);
		}
		finally {
			consumer.dispose();
		}
	}

	/**
	 * The relays of this test's application (its loop, started again mid-test) and the
	 * test's own share the outbox, as other instances would: a row may go out through any
	 * of them. (Spring pauses the loops of cached contexts not in use.) While a relay
	 * waits for the broker, its transaction holds the relay lock and the row, so nobody
	 * else can publish it; that is the window this test looks into.
	 */
	@Test
	void aRowIsMarkedPublishedOnlyAfterTheBrokerAcknowledgedIt() {
		UUID show = UUID.randomUUID();
		this.relayLoop.stop();
		try {
			Sinks.One<Void> refusal = Sinks.one();
			String refused = relayWaitingForTheBroker(show, refusal);
			assertThat(published(refused)).as("published while the broker has not answered").isFalse();
			refusal.tryEmitError(new IllegalStateException("broker unreachable"));
			// Left for the next attempt, which any relay may make.
			this.relayLoop.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> published(refused));
			this.relayLoop.stop();

			Sinks.One<Void> acknowledgement = Sinks.one();
			String acknowledged = relayWaitingForTheBroker(show, acknowledgement);
			assertThat(published(acknowledged)).as("published while the broker has not answered").isFalse();
			acknowledgement.tryEmitEmpty();
			await().atMost(Duration.ofSeconds(10)).until(() -> published(acknowledged));
		}
		finally {
			this.relayLoop.start();
		}
	}

	/**
	 * Appends an event and has a relay take it to a broker that answers through
	 * {@code answer}; returns the event's id once that relay waits with it. Another relay
	 * may take the event first: then it tries again with a new one.
	 */
	private String relayWaitingForTheBroker(UUID show, Sinks.One<Void> answer) {
		Set<String> waiting = ConcurrentHashMap.newKeySet();
		EventTransport broker = new EventTransport() {
			@Override
			public Mono<Void> send(List<OutgoingEvent> events) {
				return answer.asMono()
					.doOnSubscribe((subscription) -> events.forEach((event) -> waiting
						.add(OutboxRelayTest.this.json.readTree(event.payload()).get("eventId").asString())));
			}

			@Override
			public Flux<IncomingEvent> receive(String group, java.util.Collection<String> topics, boolean fromLatest) {
				return Flux.never();
			}

			@Override
			public Flux<IncomingEvent> receive(String group, java.util.Collection<String> topics, boolean fromLatest,
					PartitionListener onAssigned) {
				return Flux.never();
			}

			@Override
			public int partitionOf(String key, int partitions) {
				return 0;
			}
		};
		OutboxRelay relay = new OutboxRelay(this.outbox, broker);
		for (int attempt = 0; attempt < 20; attempt++) {
			String eventId = UUID.randomUUID().toString();
			this.outbox.append(message(show, eventId)).block();
			relay.relayBatch().subscribe((count) -> {
			}, (failure) -> {
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> waiting.contains(eventId) || published(eventId));
			if (waiting.contains(eventId)) {
				return eventId;
			}
		}
		throw new AssertionError("Other relays published every event first");
	}

	private boolean published(String eventId) {
		return this.data.count("select count(*) from outbox where payload ->> 'eventId' = '" + eventId
				+ "' and published_at is not null") == 1;
	}

}
