package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * Many people watching seat maps live while others book those shows. Subscribers and
 * bookers are spread round-robin over {@code showIds} (one show by default; run.sh
 * {@code --shows N}), as an audience spreads over a city's shows. Each subscriber
 * opens {@code GET /shows/{id}/seats/stream}, checks that the first event is a
 * {@code snapshot} of the seat map, then keeps the stream open for {@code duration},
 * checking that {@code seats} change events keep arriving (each within
 * {@code changeTimeout}) with an id and valid statuses. Meanwhile {@code bookers} users run
 * the booking journey on the watched shows, releasing and cancelling often so that seats
 * keep changing. Changes must reach subscribers on every instance, whichever instance
 * made them: give the bookers and the subscribers different instances
 * ({@code bookerBaseUrls}, {@code subscriberBaseUrls}; run.sh does so when it starts two
 * or more) and a subscriber sees changes only when they travel between instances.
 * <p>
 * Properties: {@code baseUrls}, {@code bookerBaseUrls} and {@code subscriberBaseUrls}
 * (default: {@code baseUrls}), {@code users} (subscribers, default 200), {@code bookers}
 * (20; 0 when another process runs them), {@code ramp} (10s), {@code duration} (30s),
 * {@code snapshotTimeout} (10s), {@code changeTimeout} (20s), {@code showIds} (watched and
 * booked), {@code usersFile}, {@code password}, {@code releaseRatio} (0.3),
 * {@code cancelRatio} (0.5), {@code thinkMin} / {@code thinkMax} of the bookers (500ms /
 * 2s), {@code bookingsFile}, {@code outcomesFile}, {@code maxKoPercent} (1), {@code p99Ms}
 * (2000).
 */
public class LiveSeatMapSimulation extends Simulation {

	static final String CONNECT = "seat stream: connect";

	static final String SNAPSHOT = "seat stream: snapshot first";

	static final String SEATS_EVENT = "seat stream: seats event";

	static final String CLOSE = "seat stream: close";

	private static final Set<Object> STATUSES = Set.of("AVAILABLE", "HELD", "BOOKED");

	private final int subscribers = LoadSettings.users(200);

	private final int bookers = LoadSettings.integer("bookers", 20);

	private final Duration ramp = LoadSettings.ramp(Duration.ofSeconds(10));

	private final Duration duration = LoadSettings.duration(Duration.ofSeconds(30));

	private final Duration snapshotTimeout = LoadSettings.duration("snapshotTimeout", Duration.ofSeconds(10));

	private final Duration changeTimeout = LoadSettings.duration("changeTimeout", Duration.ofSeconds(20));

	private final Duration thinkMin = LoadSettings.thinkMin(Duration.ofMillis(500));

	private final Duration thinkMax = LoadSettings.thinkMax(Duration.ofSeconds(2));

	private final List<String> showIds = LoadSettings.showIds();

	private final AtomicLong subscribersArrived = new AtomicLong();

	private final AtomicLong bookersArrived = new AtomicLong();

	private final List<String> subscriberUrls = LoadSettings.list("subscriberBaseUrls",
			String.join(",", LoadSettings.baseUrls()));

	private final List<String> bookerUrls = LoadSettings.list("bookerBaseUrls",
			String.join(",", LoadSettings.baseUrls()));

	private final double releaseRatio = LoadSettings.decimal("releaseRatio", 0.3);

	private final double cancelRatio = LoadSettings.decimal("cancelRatio", 0.5);

	private final BookingLedger ledger = BookingLedger.open();

	private final Outcomes outcomes = new Outcomes();

	private final BookingSteps steps = new BookingSteps(this.ledger, this.outcomes, 4);

	private final ScenarioBuilder watch = scenario("seat map subscribers")
		.exec((session) -> session.set("showId", nextShow(this.subscribersArrived)))
		.exec(sse(CONNECT).get("/api/v1/shows/#{showId}/seats/stream")
			.header("Accept", "text/event-stream")
			.await(this.snapshotTimeout)
			// No matching(): the very first event must be the snapshot.
			.on(sse.checkMessage(SNAPSHOT)
				.check(jsonPath("$.event").is("snapshot"), jsonPath("$.id").exists(),
						jsonPath("$.data.showId").isEL("#{showId}"), jsonPath("$.data.seats[0].status").exists(),
						jsonPath("$.data.counts.available").ofInt().gte(0))))
		.exitHereIfFailed()
		.exec((session) -> {
			this.outcomes.add(Outcomes.SNAPSHOTS);
			return session;
		})
		.during(this.duration, false)
		.on(exec((session) -> session.remove("changes"))
			.exec(sse("seat stream: await change").setCheck()
				.await(this.changeTimeout)
				// Keep-alive comments never reach the checks; other event types are skipped.
				.on(sse.checkMessage(SEATS_EVENT)
					.matching(jsonPath("$.event").is("seats"))
					.check(jsonPath("$.id").exists(),
							jsonPath("$.data.changes[*].seatId").count().gte(1).saveAs("changes"),
							jsonPath("$.data.changes[*].status").findAll().transform(STATUSES::containsAll).is(true))))
			.exec(this::countChanges))
		.exec(sse(CLOSE).close());

	private final ScenarioBuilder book = scenario("bookers on the watched shows")
		.feed(csv(LoadSettings.usersFile()).circular())
		.exec((session) -> session.set("showId", nextShow(this.bookersArrived)))
		.exec(this.steps.login())
		// Until the last subscriber has stopped waiting for a change.
		.during(this.ramp.plus(this.duration).plus(this.changeTimeout), false)
		.on(exec(this.steps.seatMap()).pause(this.thinkMin, this.thinkMax)
			.exec(this.steps.hold())
			.doIf((session) -> session.contains("holdId"))
			.then(pause(this.thinkMin, this.thinkMax)
				.doIfOrElse((session) -> ThreadLocalRandom.current().nextDouble() < this.releaseRatio)
				.then(this.steps.release())
				.orElse(this.steps.confirm()))
			.doIf((session) -> session.contains("bookingId")
					&& ThreadLocalRandom.current().nextDouble() < this.cancelRatio)
			.then(pause(this.thinkMin, this.thinkMax).exec(this.steps.cancel()))
			.exec((session) -> session.remove("bookingId")));

	{
		List<PopulationBuilder> populations = new ArrayList<>();
		populations.add(this.watch.injectOpen(rampUsers(this.subscribers).during(this.ramp))
			.protocols(Protocol.http(this.subscriberUrls)));
		if (this.bookers > 0) {
			populations.add(this.book.injectOpen(rampUsers(this.bookers).during(Duration.ofSeconds(2)))
				.protocols(Protocol.http(this.bookerUrls)));
		}
		Targets targets = Targets.failedAtMost(1).p99(CONNECT, 2000).p99(SNAPSHOT, 2000);
		if (this.bookers > 0) {
			targets.p99(BookingSteps.SEAT_MAP, 2000).p99(BookingSteps.HOLD, 2000).p99(BookingSteps.CONFIRM, 2000);
		}
		setUp(populations).maxDuration(this.ramp.plus(this.duration).plus(this.changeTimeout).plusSeconds(60))
			.assertions(targets.assertions());
	}

	/** Round-robin, so every watched show has its share of subscribers and of bookers. */
	private String nextShow(AtomicLong arrived) {
		return this.showIds.get((int) (arrived.getAndIncrement() % this.showIds.size()));
	}

	private Session countChanges(Session session) {
		if (session.contains("changes")) {
			this.outcomes.add(Outcomes.SEAT_EVENTS);
			this.outcomes.add(Outcomes.SEAT_CHANGES, session.getInt("changes"));
		}
		return session;
	}

	@Override
	public void after() {
		this.ledger.close();
		this.outcomes.write();
	}

}
