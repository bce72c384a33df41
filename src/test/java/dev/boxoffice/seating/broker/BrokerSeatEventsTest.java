package dev.boxoffice.seating.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.seating.SeatChange;
import dev.boxoffice.support.BlockingCalls;
import dev.boxoffice.support.SendOnlyTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a hold's answer may go out: only once the broker has its event, so the booking the
 * client makes next (announced by the outbox relay, perhaps of another instance) can
 * never land before it and leave every live map showing booked seats as held.
 */
class BrokerSeatEventsTest {

	private final GatedTransport broker = new GatedTransport();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final BrokerSeatEvents events = new BrokerSeatEvents(this.broker, this.meters);

	/** An acknowledgement that comes only when the test is over. */
	private final Sinks.Empty<Void> late = Sinks.empty();

	@AfterEach
	void stop() {
		this.late.tryEmitEmpty();
		this.events.stop();
	}

	@Test
	void aChangeIsPublishedOnlyOnceTheBrokerHasAcknowledgedIt() throws Exception {
		Sinks.Empty<Void> acknowledgement = Sinks.empty();
		this.broker.answer(acknowledgement::asMono);
		this.events.start();

		CompletableFuture<Void> published = this.events.publish(held("A-1")).toFuture();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.sent.size() == 1);
		assertThat(published).as("published before the broker acknowledged").isNotDone();

		acknowledgement.tryEmitEmpty();
		published.get(5, TimeUnit.SECONDS);
	}

	@Test
	void aBrokerThatFailsHoldsNothingUp() throws Exception {
		this.broker.answer(() -> Mono.error(new IllegalStateException("broker away")));
		this.events.start();
		this.events.publish(held("A-1")).block(Duration.ofSeconds(5));

		this.broker.answer(this.late::asMono);
		CompletableFuture<Void> next = this.events.publish(held("A-2")).toFuture();
		assertThat(next).as("published without waiting for a broker known to be failing").isDone();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.sent.size() == 2);
	}

	@Test
	void aSlowBrokerDelaysAChangeOnlyBriefly() {
		this.broker.answer(this.late::asMono);
		this.events.start();
		CompletableFuture<Void> published = this.events.publish(held("A-1")).toFuture();
		await().atMost(BrokerSeatEvents.ACK_WAIT.multipliedBy(10)).until(published::isDone);
		assertThat(this.broker.sent).hasSize(1);
	}

	/**
	 * Event loops announce holds at the same moment: none waits for another (a spin
	 * would, and BlockHound reports it on these threads), and every change is sent
	 * exactly once, each thread's in the order it made them.
	 */
	@Test
	void changesFromManyThreadsAtOnceAreSentOnceEachInOrderWithoutWaiting() {
		int threads = 4;
		int each = 2_000;
		List<UUID> shows = IntStream.range(0, threads).mapToObj((thread) -> UUID.randomUUID()).toList();
		Scheduler eventLoops = Schedulers.newParallel("event-loop", threads);
		this.events.start();
		try {
			Flux.range(0, threads)
				.flatMap((thread) -> Flux.range(0, each)
					.flatMap((seat) -> this.events.publish(new SeatChange.Held(shows.get(thread), List.of("S-" + seat),
							UUID.randomUUID(), Instant.now())), 64)
					.subscribeOn(eventLoops), threads)
				.then()
				.block(Duration.ofSeconds(60));
		}
		finally {
			eventLoops.dispose();
		}
		assertThat(BlockingCalls.takeAll()).as("blocking calls").isEmpty();
		Map<String, List<Integer>> sentPerShow = new HashMap<>();
		Pattern seat = Pattern.compile("\"seatIds\":\\[\"S-(\\d+)\"\\]");
		for (List<OutgoingEvent> batch : this.broker.sent) {
			for (OutgoingEvent event : batch) {
				Matcher found = seat.matcher(event.payload());
				assertThat(found.find()).as(event.payload()).isTrue();
				sentPerShow.computeIfAbsent(event.key(), (show) -> new ArrayList<>())
					.add(Integer.parseInt(found.group(1)));
			}
		}
		List<Integer> inOrder = IntStream.range(0, each).boxed().toList();
		assertThat(sentPerShow).hasSize(threads)
			.allSatisfy((show, seats) -> assertThat(seats).as("seats of show %s as sent", show).isEqualTo(inOrder));
	}

	/**
	 * Changes trickle in from several threads while earlier ones are being sent, the
	 * broker answering some sends at once and others later from its own thread: each
	 * change is sent within a second, none left behind for a later change to push out.
	 * Round after round, so that a change arriving just as a send ends meets every moment
	 * of it.
	 */
	@Test
	void aChangeArrivingWhileASendEndsIsSentPromptly() throws Exception {
		AtomicInteger sends = new AtomicInteger();
		this.broker.answer(() -> (sends.incrementAndGet() % 2 == 0) ? Mono.empty()
				: Mono.delay(Duration.ofNanos(ThreadLocalRandom.current().nextLong(200_000))).then());
		this.events.start();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		AtomicInteger published = new AtomicInteger();
		try {
			for (int round = 0; round < 200; round++) {
				List<Future<?>> trickles = new ArrayList<>();
				for (int thread = 0; thread < 4; thread++) {
					trickles.add(threads.submit(() -> {
						for (int change = 0; change < 5; change++) {
							this.events.publish(held("T-" + published.incrementAndGet())).subscribe();
							LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(300_000));
						}
					}));
				}
				for (Future<?> trickle : trickles) {
					trickle.get(10, TimeUnit.SECONDS);
				}
				int finished = round;
				await().atMost(Duration.ofSeconds(1))
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.untilAsserted(() -> assertThat(sentCount()).as("changes sent after round %d", finished)
						.isEqualTo(published.get()));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aBrokerClientThatThrowsStopsNothing() throws Exception {
		this.broker.answer(() -> {
			throw new IllegalStateException("producer closed");
		});
		this.events.start();
		this.events.publish(held("A-1")).block(Duration.ofSeconds(5));

		this.broker.answer(Mono::empty);
		this.events.publish(held("A-2")).block(Duration.ofSeconds(5));
		assertThat(this.broker.sent).as("sends tried").hasSize(2);
		assertThat(this.meters.counter("boxoffice.seat.events.failed").count()).isEqualTo(1);
	}

	/**
	 * A broker that stops answering fills the queue, and then changes are dropped and
	 * counted rather than kept: holds go on. Once it answers again, what was queued goes
	 * out.
	 */
	@Test
	void aFullQueueDropsAndCountsChangesAndSendsTheRestLater() {
		Sinks.Empty<Void> acknowledgement = Sinks.empty();
		this.broker.answer(acknowledgement::asMono);
		this.events.start();
		this.events.publish(held("in-flight")).subscribe();
		for (int change = 0; change < BrokerSeatEvents.CAPACITY + 10; change++) {
			this.events.publish(held("Q-" + change)).subscribe();
		}
		assertThat(this.meters.get("boxoffice.seat.events.queued").gauge().value())
			.isEqualTo(BrokerSeatEvents.CAPACITY);
		assertThat(this.meters.counter("boxoffice.seat.events.dropped").count()).isEqualTo(10);

		this.broker.answer(Mono::empty);
		acknowledgement.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> sentCount() == BrokerSeatEvents.CAPACITY + 1);
		assertThat(this.meters.get("boxoffice.seat.events.queued").gauge().value()).isZero();
	}

	/** An instance that stops sends what it still has queued first. */
	@Test
	void stoppingSendsWhatIsQueued() {
		Sinks.Empty<Void> acknowledgement = Sinks.empty();
		this.broker.answer(acknowledgement::asMono);
		this.events.start();
		for (int change = 0; change < 100; change++) {
			this.events.publish(held("Q-" + change)).subscribe();
		}
		Schedulers.parallel().schedule(acknowledgement::tryEmitEmpty, 100, TimeUnit.MILLISECONDS);
		this.broker.answer(Mono::empty);
		this.events.stop();
		assertThat(sentCount()).isEqualTo(100);
		assertThat(this.events.publish(held("late")).block(Duration.ofSeconds(1))).isNull();
		assertThat(sentCount()).as("changes after stop are not sent").isEqualTo(100);
	}

	private int sentCount() {
		return this.broker.sent.stream().mapToInt(List::size).sum();
	}

	private static SeatChange held(String seat) {
		return new SeatChange.Held(UUID.randomUUID(), List.of(seat), UUID.randomUUID(), Instant.now());
	}

	/** A broker whose acknowledgement the test decides. */
	private static final class GatedTransport extends SendOnlyTransport {

		final List<List<OutgoingEvent>> sent = new CopyOnWriteArrayList<>();

		private volatile Supplier<Mono<Void>> answer = Mono::empty;

		void answer(Supplier<Mono<Void>> answer) {
			this.answer = answer;
		}

		@Override
		public Mono<Void> send(List<OutgoingEvent> events) {
			return Mono.defer(() -> {
				this.sent.add(events);
				return this.answer.get();
			});
		}

	}

}
