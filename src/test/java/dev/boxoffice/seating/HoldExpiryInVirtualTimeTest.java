package dev.boxoffice.seating;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.seating.SeatingFakes.RecordedSeatEvents;
import dev.boxoffice.support.VirtualClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hold expiry as the sweep loop runs it, over fakes of the seating ports, in virtual
 * time: ten minutes pass in milliseconds.
 */
class HoldExpiryInVirtualTimeTest {

	private final VirtualClock clock = new VirtualClock();

	private final Hall hall = SeatingFakes.hall(3, 10);

	private final Show show = SeatingFakes.showIn(this.hall, this.clock.instant().plus(Duration.ofDays(1)));

	private final InMemorySeatHolds holds = new InMemorySeatHolds(this.clock);

	private final RecordedSeatEvents events = new RecordedSeatEvents();

	private final HoldService service = SeatingFakes.holdService(SeatingFakes.catalogOf(this.show, this.hall),
			this.holds, this.events, Duration.ofMinutes(10), this.clock);

	private final BackgroundLoop sweep = new SeatingConfig().holdExpirySweep(this.service,
			new HoldSettings(Duration.ofMinutes(10), 10, 0, Duration.ofSeconds(1)));

	@Test
	void aHoldIsReleasedAndAnnouncedOnceWhenItsTimeIsUpAndNotBefore() {
		UUID user = UUID.randomUUID();
		StepVerifier
			.withVirtualTime(
					() -> this.service.hold(user, this.show.showId(), new SeatChoice.Named(List.of("A-1", "A-2")))
						.then(this.sweep.flux().then()))
			.thenAwait(Duration.ofMinutes(9).plusSeconds(59))
			.then(() -> assertThat(this.events.released()).isEmpty())
			.thenAwait(Duration.ofSeconds(2))
			.then(() -> assertThat(this.events.released()).singleElement().satisfies((released) -> {
				assertThat(released.reason()).isEqualTo(SeatChange.Reason.EXPIRED);
				assertThat(released.seatIds()).containsExactly("A-1", "A-2");
			}))
			.thenAwait(Duration.ofMinutes(30))
			.then(() -> assertThat(this.events.released()).hasSize(1))
			.thenCancel()
			.verify();
	}

	@Test
	void aSweepThatFailsIsRetriedWithoutLosingTheExpiry() {
		InMemorySeatHolds failingOnce = new InMemorySeatHolds(this.clock) {

			private boolean failed;

			@Override
			public synchronized reactor.core.publisher.Flux<Hold> claimExpired(java.time.Instant now, int max) {
				if (!this.failed && now.isAfter(VirtualClock.START.plus(Duration.ofMinutes(10)))) {
					this.failed = true;
					return reactor.core.publisher.Flux.error(new IllegalStateException("Redis went away"));
				}
				return super.claimExpired(now, max);
			}

		};
		HoldService flaky = SeatingFakes.holdService(SeatingFakes.catalogOf(this.show, this.hall), failingOnce,
				this.events, Duration.ofMinutes(10), this.clock);
		BackgroundLoop loop = new SeatingConfig().holdExpirySweep(flaky,
				new HoldSettings(Duration.ofMinutes(10), 10, 0, Duration.ofSeconds(1)));
		StepVerifier
			.withVirtualTime(
					() -> flaky.hold(UUID.randomUUID(), this.show.showId(), new SeatChoice.Named(List.of("B-5")))
						.then(loop.flux().then()))
			.thenAwait(Duration.ofMinutes(11))
			.then(() -> assertThat(this.events.released()).singleElement()
				.satisfies((released) -> assertThat(released.seatIds()).containsExactly("B-5")))
			.thenCancel()
			.verify();
	}

}
