package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * A sale opening: thousands of users, logged in and waiting, rush at the same instant for the
 * seats of ONE show. Each reads the seat map, holds 1 to 4 seats, and confirms; a user whose
 * hold is refused (409 SEATS_UNAVAILABLE, an expected outcome counted apart, not a KO) tries
 * the service's suggestion or best available seats, and gives up after {@code holdAttempts}
 * refusals or when the show is sold out.
 * <p>
 * Properties: {@code baseUrls}, {@code users} (default 1000), {@code ramp} (arrival and
 * login spread, default 0: all at once), {@code saleOpensAt} (epoch milliseconds; default
 * {@code saleDelay}, 5s, after the last arrival, so logins are done), {@code duration} (how
 * long after the opening the run may last, 60s, plus a minute for requests in flight), {@code showIds} (the first is the show on
 * sale), {@code usersFile}, {@code password}, {@code thinkMin} / {@code thinkMax} (200ms /
 * 1s), the hold settings of {@link BookingSteps}, {@code bookingsFile},
 * {@code outcomesFile}, {@code maxKoPercent} (1), {@code p99Ms} (3000).
 */
public class FlashSaleSimulation extends Simulation {

	private final int users = LoadSettings.users(1000);

	private final Duration ramp = LoadSettings.ramp(Duration.ZERO);

	private final Duration duration = LoadSettings.duration(Duration.ofSeconds(60));

	private final Duration thinkMin = LoadSettings.thinkMin(Duration.ofMillis(200));

	private final Duration thinkMax = LoadSettings.thinkMax(Duration.ofSeconds(1));

	private final String showId = LoadSettings.showIds().get(0);

	private final long opensAt = Long.parseLong(LoadSettings.string("saleOpensAt", String.valueOf(System.currentTimeMillis()
			+ this.ramp.toMillis() + LoadSettings.duration("saleDelay", Duration.ofSeconds(5)).toMillis())));

	private final BookingLedger ledger = BookingLedger.open();

	private final Outcomes outcomes = new Outcomes();

	private final BookingSteps steps = new BookingSteps(this.ledger, this.outcomes, 4);

	private final ScenarioBuilder sale = scenario("flash sale").feed(csv(LoadSettings.usersFile()).circular())
		.exec((session) -> session.set("showId", this.showId))
		.exec(this.steps.login())
		.pause((session) -> Duration.ofMillis(Math.max(0, this.opensAt - System.currentTimeMillis())))
		.exec(this.steps.seatMap())
		.pause(this.thinkMin, this.thinkMax)
		.exec(this.steps.hold())
		.doIf((session) -> session.contains("holdId"))
		.then(exec(this.steps.confirm()));

	{
		OpenInjectionStep arrival = this.ramp.isZero() ? atOnceUsers(this.users)
				: rampUsers(this.users).during(this.ramp);
		Duration untilOpen = Duration.ofMillis(Math.max(0, this.opensAt - System.currentTimeMillis()));
		setUp(this.sale.injectOpen(arrival)).protocols(Protocol.http())
			// Each user does a bounded amount of work; this only stops a stuck run, and leaves
			// requests in flight a minute so that every booking made is also recorded.
			.maxDuration(untilOpen.plus(this.duration).plusSeconds(60))
			.assertions(Targets.failedAtMost(1)
				.p99(BookingSteps.LOGIN, 3000)
				.p99(BookingSteps.SEAT_MAP, 3000)
				.p99(BookingSteps.HOLD, 3000)
				.p99(BookingSteps.CONFIRM, 3000)
				.assertions());
	}

	@Override
	public void after() {
		this.ledger.close();
		this.outcomes.write();
	}

}
