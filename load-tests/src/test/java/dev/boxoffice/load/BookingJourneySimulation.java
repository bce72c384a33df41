package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Users buying tickets: each logs in once, then, until {@code duration} is over, picks one of
 * the shows, reads its seat map, holds seats (chosen side by side, or best available),
 * confirms with {@code tok_ok} and an Idempotency-Key, and sometimes releases the hold
 * instead or cancels the booking later. Users share the shows, so holds collide: a 409
 * SEATS_UNAVAILABLE is an expected outcome, counted apart, never a KO.
 * <p>
 * Properties: {@code baseUrls}, {@code users} (concurrent, default 50), {@code ramp} (10s),
 * {@code duration} (30s), {@code showIds} (required), {@code usersFile}, {@code password},
 * {@code thinkMin} / {@code thinkMax} (1s / 3s), {@code releaseRatio} (0.1),
 * {@code cancelRatio} (0.2), the hold settings of {@link BookingSteps},
 * {@code bookingsFile}, {@code outcomesFile}, {@code maxKoPercent} (0.5), {@code p99Ms}
 * (1000; confirm 2000).
 */
public class BookingJourneySimulation extends Simulation {

	private final int users = LoadSettings.users(50);

	private final Duration ramp = LoadSettings.ramp(Duration.ofSeconds(10));

	private final Duration duration = LoadSettings.duration(Duration.ofSeconds(30));

	private final Duration thinkMin = LoadSettings.thinkMin(Duration.ofSeconds(1));

	private final Duration thinkMax = LoadSettings.thinkMax(Duration.ofSeconds(3));

	private final List<String> showIds = LoadSettings.showIds();

	private final double releaseRatio = LoadSettings.decimal("releaseRatio", 0.1);

	private final double cancelRatio = LoadSettings.decimal("cancelRatio", 0.2);

	private final BookingLedger ledger = BookingLedger.open();

	private final Outcomes outcomes = new Outcomes();

	private final BookingSteps steps = new BookingSteps(this.ledger, this.outcomes, 4);

	private final ScenarioBuilder journey = scenario("booking journey")
		.feed(csv(LoadSettings.usersFile()).circular())
		.exec(this.steps.login())
		// exitASAP false: a user finishes the journey it is in, so every answer it got is recorded.
		.during(this.duration, false)
		.on(exec((session) -> session.set("showId",
				this.showIds.get(ThreadLocalRandom.current().nextInt(this.showIds.size())))
			.remove("bookingId"))
			.exec(this.steps.seatMap())
			.pause(this.thinkMin, this.thinkMax)
			.exec(this.steps.hold())
			.doIf((session) -> session.contains("holdId"))
			.then(pause(this.thinkMin, this.thinkMax)
				.doIfOrElse((session) -> ThreadLocalRandom.current().nextDouble() < this.releaseRatio)
				.then(this.steps.release())
				.orElse(this.steps.confirm()))
			.doIf((session) -> session.contains("bookingId")
					&& ThreadLocalRandom.current().nextDouble() < this.cancelRatio)
			.then(pause(this.thinkMin, this.thinkMax).exec(this.steps.cancel()))
			.pause(this.thinkMin, this.thinkMax));

	{
		setUp(this.journey.injectOpen(rampUsers(this.users).during(this.ramp))).protocols(Protocol.http())
			// Users finish the journey they are in after `duration`; this only stops a stuck run.
			.maxDuration(this.ramp.plus(this.duration).plusSeconds(120))
			.assertions(Targets.failedAtMost(0.5)
				.p99(BookingSteps.LOGIN, 1000)
				.p99(BookingSteps.SEAT_MAP, 1000)
				.p99(BookingSteps.HOLD, 1000)
				.p99(BookingSteps.CONFIRM, 2000)
				.assertions());
	}

	@Override
	public void after() {
		this.ledger.close();
		this.outcomes.write();
	}

}
