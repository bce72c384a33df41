package dev.boxoffice.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.support.SendOnlyTransport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox relay's loop over fakes of the outbox and the broker, in virtual time:
 * events are marked published only after the broker took them, the relay backs off while
 * the broker is away, and nothing is lost or reordered when it returns.
 */
class OutboxRelayInVirtualTimeTest {

	private final InMemoryOutbox outbox = new InMemoryOutbox();

	private final Broker broker = new Broker();

	private final BackgroundLoop relay = new EventsConfig().outboxRelayLoop(new OutboxRelay(this.outbox, this.broker),
			new EventSettings(6, (short) 1, Duration.ofMillis(200), Duration.ofMillis(25)));

	@Test
	void whileTheBrokerIsAwayEventsWaitUnpublishedAndTheRelayBacksOff() {
		this.outbox.add(3);
		this.broker.awayFor(Duration.ofMinutes(5));
		StepVerifier.withVirtualTime(() -> this.relay.flux().then()).thenAwait(Duration.ofMinutes(4)).then(() -> {
			assertThat(this.outbox.unpublished()).isEqualTo(3);
			assertThat(this.broker.received()).isEmpty();
			// Backing off up to 30 s: a handful of attempts in four minutes, not one
			// every 200 ms.
			assertThat(this.broker.attempts()).isBetween(5, 25);
		}).thenAwait(Duration.ofMinutes(2)).then(() -> {
			assertThat(this.outbox.unpublished()).isZero();
			assertThat(this.broker.received()).containsExactly("event-1", "event-2", "event-3");
		}).thenCancel().verify();
	}

	@Test
	void aFullBatchIsFollowedAtOnceByTheNext() {
		this.outbox.add(OutboxRelay.BATCH * 2 + 1);
		StepVerifier.withVirtualTime(() -> this.relay.flux().then())
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.outbox.unpublished()).isZero())
			.thenCancel()
			.verify();
		assertThat(this.broker.received()).hasSize(OutboxRelay.BATCH * 2 + 1);
	}

	/** Events in order, each marked published only when the send completed. */
	static final class InMemoryOutbox implements Outbox {

		private final List<OutboxMessage> pending = new ArrayList<>();

		private int written;

		void add(int count) {
			for (int i = 0; i < count; i++) {
				this.written++;
				this.pending.add(new OutboxMessage(Topics.BOOKING_EVENTS, "show", "Test", "event-" + this.written));
			}
		}

		int unpublished() {
			return this.pending.size();
		}

		@Override
		public Mono<Void> append(List<OutboxMessage> messages) {
			return Mono.fromRunnable(() -> this.pending.addAll(messages));
		}

		@Override
		public Mono<Integer> publishNext(int max, Function<List<OutboxMessage>, Mono<Void>> send) {
			return Mono.defer(() -> {
				List<OutboxMessage> batch = List.copyOf(this.pending.subList(0, Math.min(max, this.pending.size())));
				if (batch.isEmpty()) {
					return Mono.just(0);
				}
				return send.apply(batch).then(Mono.fromCallable(() -> {
					this.pending.subList(0, batch.size()).clear();
					return batch.size();
				}));
			});
		}

		@Override
		public Mono<Long> deletePublished(java.time.Instant before, int max) {
			// Published events are not kept here at all.
			return Mono.just(0L);
		}

		@Override
		public Mono<Backlog> backlog() {
			return Mono.fromCallable(() -> new Backlog(this.pending.size(), Duration.ZERO));
		}

	}

	/** A broker that can be away for a while; counts every attempt to send. */
	static final class Broker extends SendOnlyTransport {

		private final List<String> received = new ArrayList<>();

		private final AtomicInteger attempts = new AtomicInteger();

		private Duration away = Duration.ZERO;

		void awayFor(Duration duration) {
			this.away = duration;
		}

		List<String> received() {
			return this.received;
		}

		int attempts() {
			return this.attempts.get();
		}

		@Override
		public Mono<Void> send(List<OutgoingEvent> events) {
			return Mono.deferContextual((context) -> {
				this.attempts.incrementAndGet();
				long now = reactor.test.scheduler.VirtualTimeScheduler.get()
					.now(java.util.concurrent.TimeUnit.MILLISECONDS);
				if (now < this.away.toMillis()) {
					return Mono.error(new IllegalStateException("broker unreachable"));
				}
				events.forEach((event) -> this.received.add(event.payload()));
				return Mono.empty();
			});
		}

	}

}
