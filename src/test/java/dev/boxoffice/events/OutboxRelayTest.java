package dev.boxoffice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxRelayTest extends ApiTest {

	@Autowired
	private Outbox outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private TransactionalOperator transaction;

	@Autowired
	private EventTransport transport;

	@Autowired
	private EventSettings settings;

	@Autowired
	private JsonMapper json;

	@Test
	void twoRelaysRacingPublishEveryRowAndLoseNone() {
		UUID show = UUID.randomUUID();
		Set<String> written = ConcurrentHashMap.newKeySet();
		Flux.range(0, 300).concatMap((i) -> {
			OutboxMessage message = OutboxMessage.of(Topics.BOOKING_EVENTS, "RelayTest", show, Instant.now(),
					Map.of("n", i));
			written.add((String) message.payload().get("eventId"));
			return this.outbox.append(message);
		}).blockLast();
		Set<String> received = ConcurrentHashMap.newKeySet();
		Disposable consumer = this.transport
			.receive("relay-test-" + UUID.randomUUID(), List.of(Topics.BOOKING_EVENTS), false)
			.map((event) -> this.json.readTree(event.payload()))
			.filter((event) -> event.get("showId").asString().equals(show.toString()))
			.subscribe((event) -> received.add(event.get("eventId").asString()));
		// This instance's relay and a second one, as on another instance, both hard at
		// work.
		OutboxRelay other = new OutboxRelay(this.db, this.transaction, this.transport, this.settings);
		Disposable racing = Flux.interval(Duration.ofMillis(5)).concatMap((tick) -> other.relayBatch()).subscribe();
		try {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).containsAll(written));
			assertThat(this.data.count("select count(*) from outbox where published_at is null")).isZero();
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
		};
		this.relay.stop();
		try {
			OutboxRelay failing = new OutboxRelay(this.db, this.transaction, refusing, this.settings);
			this.outbox
				.append(OutboxMessage.of(Topics.BOOKING_EVENTS, "RelayTest", UUID.randomUUID(), Instant.now(),
						Map.of()))
				.block();
			assertThat(failing.relayBatch().onErrorResume((failure) -> Mono.just(-1)).block()).isEqualTo(-1);
			assertThat(this.data.count("select count(*) from outbox where published_at is null")).isEqualTo(1);
			// The broker is back: the same row goes out and only now counts as published.
			assertThat(this.relay.relayBatch().block()).isEqualTo(1);
			assertThat(this.data.count("select count(*) from outbox where published_at is null")).isZero();
		}
		finally {
			this.relay.start();
		}
	}

}
