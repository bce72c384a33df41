package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.seating.SeatingFakes.RecordedSeatEvents;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.web.server.Shutdown;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hold whose request is cut off while the instance shuts down (its connection closed
 * before the answer) still takes its seats in Redis; shutdown must wait for it, or seat
 * events stop first and no live map ever hears of those seats.
 */
class DetachedChangesTest {

	private final Clock clock = Clock.systemUTC();

	private final Hall hall = SeatingFakes.hall(2, 10);

	private final Show show = SeatingFakes.showIn(this.hall, this.clock.instant().plus(Duration.ofDays(1)));

	/** Redis's answer to the hold script, held back until the test lets it through. */
	private final Sinks.Empty<Void> redisAnswers = Sinks.empty();

	private final InMemorySeatHolds holds = new InMemorySeatHolds(this.clock) {

		@Override
		public Mono<Attempt> tryHold(Hold hold, Duration ttl, int cap) {
			return DetachedChangesTest.this.redisAnswers.asMono().then(super.tryHold(hold, ttl, cap));
		}

	};

	private final RecordedSeatEvents events = new RecordedSeatEvents();

	private final DetachedChanges detached = new DetachedChanges(Shutdown.GRACEFUL);

	private final HoldService service = SeatingFakes.holdService(SeatingFakes.catalogOf(this.show, this.hall),
			this.holds, this.events, Duration.ofMinutes(10), this.clock, this.detached);

	@Test
	void shutdownWaitsForAHoldWhoseCallerLeftSoItIsStillAnnounced() throws Exception {
		this.detached.start();
		this.service.hold(UUID.randomUUID(), this.show.showId(), new SeatChoice.Named(List.of("A-1", "A-2")))
			.subscribe()
			.dispose();
		assertThat(this.detached.running()).as("holds still running after their caller left").isEqualTo(1);

		// Shutdown on a thread of its own, as the JVM's shutdown hook runs: stop() sleeps
		// while it waits, and on the common pool (one worker on two cores) that kept the
		// test's delayed Redis answer from ever running on JDK 25.
		ExecutorService shutdownThread = Executors.newSingleThreadExecutor();
		try {
			CompletableFuture<List<SeatChange>> announcedWhenStopped = CompletableFuture.supplyAsync(() -> {
				this.detached.stop();
				return this.events.published();
			}, shutdownThread);
			// Redis answers while shutdown is under way, a few milliseconds late.
			Mono.delay(Duration.ofMillis(200)).subscribe((tick) -> this.redisAnswers.tryEmitEmpty());

			assertThat(announcedWhenStopped.get(10, TimeUnit.SECONDS))
				.as("seat changes announced when shutdown went on")
				.singleElement()
				.isInstanceOfSatisfying(SeatChange.Held.class,
						(held) -> assertThat(held.seatIds()).containsExactly("A-1", "A-2"));
			assertThat(this.holds.states(this.show.showId()).block().held()).as("seats held in Redis")
				.containsExactlyInAnyOrder("A-1", "A-2");
			assertThat(this.detached.running()).isZero();
		}
		finally {
			shutdownThread.shutdownNow();
		}
	}

	/**
	 * Past its wait (none when shutdown is immediate) shutdown cancels what still runs: a
	 * change left going would act for an instance that has stopped.
	 */
	@Test
	void anImmediateShutdownCancelsAChangeStillRunning() {
		DetachedChanges immediate = new DetachedChanges(Shutdown.IMMEDIATE);
		immediate.start();
		AtomicBoolean cancelled = new AtomicBoolean();
		immediate.toTheEnd(Mono.never().doOnCancel(() -> cancelled.set(true))).subscribe().dispose();
		assertThat(cancelled).as("cancelled with its caller").isFalse();
		assertThat(immediate.running()).isEqualTo(1);

		immediate.stop();

		assertThat(cancelled).as("cancelled by shutdown").isTrue();
		assertThat(immediate.running()).isZero();
	}

}
