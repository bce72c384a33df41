package dev.boxoffice.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
	void aRowIsMarkedPublishedOnlyAfterTheBrokerAcknowledgedIt() {
		EventTransport refusing = new EventTransport() {
			@Override
			public Mono<Void> send(List<OutgoingEvent> events) {
				return Mono.error(new IllegalStateException("broker unreachable"));
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
		this.relayLoop.stop();
		try {
			OutboxRelay failing = new OutboxRelay(this.outbox, refusing);
			this.outbox.append(message(UUID.randomUUID(), UUID.randomUUID().toString())).block();
			assertThat(failing.relayBatch().onErrorResume((failure) -> Mono.just(-1)).block()).isEqualTo(-1);
			assertThat(this.data.count("select count(*) from outbox where published_at is null")).isEqualTo(1);
			// The broker is back: the same row goes out and only now counts as published.
			assertThat(this.relay.relayBatch().block()).isEqualTo(1);
			assertThat(this.data.count("select count(*) from outbox where published_at is null")).isZero();
		}
		finally {
			this.relayLoop.start();
		}
	}

}
