package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.tryMax;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * A sold-out show, its waiting list, and a public rush when bookings are cancelled: the
 * waiting list must come first (API.md, Waitlist).
 * <ol>
 * <li><b>Sell-out.</b> {@code sellers} users buy every seat of the show: its seats, as the
 * first seat map read shows them, are cut into blocks of two side by side (a row's odd seat
 * out is a block of one), and each seller holds and confirms blocks until none is left.
 * {@code cancels} of the two-seat blocks, chosen at random ({@code seed}), are kept
 * with their booking id and their owner's token.</li>
 * <li><b>Queue.</b> Then {@code waiters} other users join the show's waiting list
 * ({@code POST /shows/{id}/waitlist}), spread over {@code ramp}, for 1 seat, or 2 with
 * probability {@code pairRatio}. Meanwhile {@code users} public users log in and wait.</li>
 * <li><b>Burst.</b> {@code burstDelay} after the last join, at the same instant, the owners
 * cancel those bookings ({@code POST /bookings/{id}/cancel}) and the public crowd rushes:
 * each reads the seat map and holds 1 or 2 seats it saw AVAILABLE, or asks for
 * {@code {count}} when it saw none, and tries again after {@code thinkMin} to
 * {@code thinkMax} until one hold succeeds (then it confirms) or {@code duration} has
 * passed since the burst.</li>
 * <li><b>Offers.</b> From the burst, each waiting user polls {@code GET /waitlist} every
 * {@code pollMin} to {@code pollMax} until its entry is OFFERED, or until
 * {@code offerDeadline} has passed. An offer is booked ({@code POST /bookings} with its {@code holdId} and
 * {@code tok_ok}) with probability {@code bookOfferRatio}.</li>
 * </ol>
 * The burst instant, each join, cancellation, offer seen and public hold, with wall-clock
 * times, go to {@code waitlistFile} ({@link WaitlistRushLog}), which run.sh reads with the
 * database to report offers made and booked, seats that went to the public, and the time
 * from cancellation to offer. Every booking and cancellation goes to the ledger as in
 * the other simulations. The phases depend on each other: run this simulation in one
 * Gatling process.
 * <p>
 * Properties: {@code baseUrls}, {@code users} (the public crowd, default 300),
 * {@code sellers} (100), {@code waiters} (500), {@code cancels} (100), {@code pairRatio}
 * (0.2), {@code bookOfferRatio} (0.5), {@code ramp} (how long the joins take, 10s),
 * {@code burstDelay} (2s), {@code joinTimeout} (the longest the burst waits for the last
 * join, 120s), {@code duration} (how long the public rushes after the burst, 30s),
 * {@code offerDeadline} (how long a waiting user polls for its offer after the burst, 90s),
 * {@code loginAttempts} (3: a login without an answer is tried again),
 * {@code pollMin} / {@code pollMax} (200ms / 300ms), {@code thinkMin} / {@code thinkMax}
 * of the public crowd (250ms / 1s), {@code seed} (12), {@code showIds} (the first is the
 * show), {@code usersFile} (at least sellers + waiters + users accounts: the sellers take
 * the first, the waiting users the next, the public the rest), {@code password},
 * {@code bookingsFile}, {@code outcomesFile}, {@code waitlistFile}, {@code maxKoPercent}
 * (1), {@code p99Ms} (3000).
 */
public class WaitlistRushSimulation extends Simulation {

	static final String JOIN = "join waiting list";

	static final String POLL = "my waiting list";

	private static final String AUTHORIZATION = "Authorization";

	private static final String BEARER = "Bearer #{token}";

	private final int publicUsers = LoadSettings.users(300);

	private final int sellers = LoadSettings.integer("sellers", 100);

	private final int waiters = LoadSettings.integer("waiters", 500);

	private final int cancels = LoadSettings.integer("cancels", 100);

	private final double pairRatio = LoadSettings.decimal("pairRatio", 0.2);

	private final double bookOfferRatio = LoadSettings.decimal("bookOfferRatio", 0.5);

	private final Duration ramp = LoadSettings.ramp(Duration.ofSeconds(10));

	private final Duration duration = LoadSettings.duration(Duration.ofSeconds(30));

	private final int loginAttempts = LoadSettings.integer("loginAttempts", 3);

	private final Duration offerDeadline = LoadSettings.duration("offerDeadline", Duration.ofSeconds(90));

	private final Duration burstDelay = LoadSettings.duration("burstDelay", Duration.ofSeconds(2));

	private final Duration joinTimeout = LoadSettings.duration("joinTimeout", Duration.ofSeconds(120));

	private final Duration pollMin = LoadSettings.duration("pollMin", Duration.ofMillis(200));

	private final Duration pollMax = LoadSettings.duration("pollMax", Duration.ofMillis(300));

	private final Duration thinkMin = LoadSettings.thinkMin(Duration.ofMillis(250));

	private final Duration thinkMax = LoadSettings.thinkMax(Duration.ofSeconds(1));

	private final String showId = LoadSettings.showIds().get(0);

	private final List<String> emails = emails(this.sellers + this.waiters + this.publicUsers);

	private final BookingLedger ledger = BookingLedger.open();

	private final WaitlistRushLog log = WaitlistRushLog.open();

	private final Outcomes outcomes = new Outcomes();

	private final BookingSteps steps = new BookingSteps(this.ledger, this.outcomes, 2);

	private final SeatPlan plan = new SeatPlan(this.cancels, LoadSettings.integer("seed", 12));

	/** The bookings to cancel at the burst, with their owners' tokens. */
	private final ConcurrentLinkedQueue<Owned> toCancel = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sellersArrived = new AtomicInteger();

	private final AtomicInteger waitersArrived = new AtomicInteger();

	private final AtomicInteger publicArrived = new AtomicInteger();

	private final AtomicInteger joinsDone = new AtomicInteger();

	private final AtomicInteger seatsSold = new AtomicInteger();

	private final AtomicInteger ownersReady = new AtomicInteger();

	/** When the sell-out was over and the queue began; 0 before. */
	private final AtomicLong queueStarted = new AtomicLong();

	/** The burst instant, epoch ms; 0 until the last join (or the join time-out). */
	private final AtomicLong burstAt = new AtomicLong();

	private final ScenarioBuilder sellOut = scenario("sell-out")
		.exec((session) -> session.set("email", this.emails.get(this.sellersArrived.getAndIncrement()))
			.set("showId", this.showId))
		.exec(login())
		.exec(this.steps.seatMap())
		.exec((session) -> {
			this.plan.prepare(session.contains("available") ? session.getList("available") : List.of());
			return nextBlock(session);
		})
		.asLongAs((session) -> session.contains("block"))
		.on(exec(this.steps.holdOnce()).doIf((session) -> session.contains("holdId"))
			.then(exec(this.steps.confirm()).exec(this::sold))
			.exec(this::nextBlock));

	private final ScenarioBuilder queue = scenario("waiting list")
		.exec((session) -> session
			.set("email", this.emails.get(this.sellers + this.waitersArrived.getAndIncrement()))
			.set("showId", this.showId)
			.set("partySize", (ThreadLocalRandom.current().nextDouble() < this.pairRatio) ? 2 : 1)
			.set("polls", 0))
		.exec(login())
		.exec(http(JOIN).post("/api/v1/shows/#{showId}/waitlist")
			.header(AUTHORIZATION, BEARER)
			.body(StringBody("{\"count\":#{partySize}}"))
			.asJson()
			.check(status().is(201), jsonPath("$.entryId").saveAs("entryId"), jsonPath("$.status").saveAs("entryStatus"),
					jsonPath("$.showId").isEL("#{showId}"), jsonPath("$.position").optional().saveAs("position")))
		.exec(this::joined)
		.doIf((session) -> session.contains("entryId"))
		.then(exec(awaitBurst())
			.asLongAs((session) -> !session.contains("entryClosed")
					&& System.currentTimeMillis() < this.burstAt.get() + this.offerDeadline.toMillis())
			.on(pause(this.pollMin, this.pollMax).exec(http(POLL).get("/api/v1/waitlist")
				.header(AUTHORIZATION, BEARER)
				.check(status().is(200), jsonPath("$[?(@.entryId == '#{entryId}')]").ofMap().saveAs("entry")))
				.exec(this::polled))
			.exec(this::offerOutcome)
			.doIf((session) -> session.contains("offerHoldId")
					&& ThreadLocalRandom.current().nextDouble() < this.bookOfferRatio)
			.then(exec((session) -> session.set("holdId", session.getString("offerHoldId")))
				.exec(this.steps.confirm())
				.exec(this::offerBooked)));

	private final ScenarioBuilder owners = scenario("owners cancelling")
		.exec((session) -> {
			Owned owned = this.toCancel.poll();
			if (owned != null) {
				this.ownersReady.incrementAndGet();
			}
			return (owned == null) ? session
					: session.set("bookingId", owned.bookingId())
						.set("token", owned.token())
						.set("seats", owned.seats())
						.set("showId", this.showId);
		})
		.doIf((session) -> session.contains("bookingId"))
		.then(exec(awaitBurst()).exec((session) -> session.set("cancelSentAt", System.currentTimeMillis()))
			.exec(this.steps.cancel())
			.exec(this::cancelled));

	private final ScenarioBuilder crowd = scenario("public rush")
		.exec((session) -> session
			.set("email", this.emails.get(this.sellers + this.waiters + this.publicArrived.getAndIncrement()))
			.set("showId", this.showId))
		.exec(login())
		.exec(awaitBurst())
		.asLongAs((session) -> !session.contains("publicHoldId")
				&& System.currentTimeMillis() < this.burstAt.get() + this.duration.toMillis())
		.on(exec(this.steps.seatMap()).exec(this::choosePublicSeats)
			.exec(this.steps.holdOnce())
			.doIfOrElse((session) -> session.contains("holdId"))
			.then(exec(this::publicHeld).exec(this.steps.confirm()))
			.orElse(pause(this.thinkMin, this.thinkMax)));

	{
		if (this.waiters < 1 || this.sellers < 1 || this.cancels < 0 || this.publicUsers < 1) {
			throw new IllegalArgumentException("-Dsellers, -Dwaiters and -Dusers must be positive, -Dcancels >= 0");
		}
		setUp(this.sellOut.injectOpen(atOnceUsers(this.sellers))
			.andThen(this.queue.injectOpen(rampUsers(this.waiters).during(this.ramp)),
					this.owners.injectOpen(atOnceUsers(Math.max(1, this.cancels))),
					this.crowd.injectOpen(atOnceUsers(this.publicUsers))))
			.protocols(Protocol.http())
			// Each phase is bounded; this only stops a stuck run.
			.maxDuration(Duration.ofMinutes(5).plus(this.ramp)
				.plus(this.joinTimeout)
				.plus(this.duration.compareTo(this.offerDeadline) > 0 ? this.duration : this.offerDeadline))
			.assertions(Targets.failedAtMost(1)
				.p99(BookingSteps.LOGIN, 3000)
				.p99(BookingSteps.SEAT_MAP, 3000)
				.p99(BookingSteps.HOLD, 3000)
				.p99(BookingSteps.CONFIRM, 3000)
				.p99(BookingSteps.CANCEL, 3000)
				.p99(JOIN, 3000)
				.p99(POLL, 3000)
				.assertions());
	}

	/**
	 * Logs in, up to {@code loginAttempts} times (3): a login that got no answer is tried
	 * again, as a person would, and still counts as a failed request.
	 */
	private ChainBuilder login() {
		return exec(tryMax(this.loginAttempts).on(this.steps.loginAttempt())).exitHereIfFailed();
	}

	/** Waits until the burst instant, which the last join (or the join time-out) sets. */
	private ChainBuilder awaitBurst() {
		return exec((session) -> {
			this.queueStarted.compareAndSet(0, System.currentTimeMillis());
			return session;
		}).asLongAs((session) -> burstInstant() == 0)
			.on(pause(Duration.ofMillis(100)))
			.pause((session) -> Duration.ofMillis(Math.max(0, this.burstAt.get() - System.currentTimeMillis())));
	}

	private long burstInstant() {
		long started = this.queueStarted.get();
		if (this.burstAt.get() == 0 && started > 0
				&& System.currentTimeMillis() > started + this.ramp.plus(this.joinTimeout).toMillis()) {
			System.out.println("Not every waiting user joined within " + this.joinTimeout + " after the queue opened ("
					+ this.joinsDone.get() + " of " + this.waiters + "): the burst goes ahead");
			fireBurst();
		}
		return this.burstAt.get();
	}

	private void fireBurst() {
		long at = System.currentTimeMillis() + this.burstDelay.toMillis();
		if (this.burstAt.compareAndSet(0, at)) {
			this.log.write("BURST", null, null, at, null, null);
			System.out.println("Burst at " + at + ": " + this.joinsDone.get() + " joined, " + this.seatsSold.get()
					+ " seats sold, " + this.ownersReady.get() + " owners ready to cancel");
		}
	}

	private Session nextBlock(Session session) {
		Block block = this.plan.next();
		if (block == null) {
			return session.remove("block").remove("holdBody");
		}
		return session.set("block", block).set("holdBody", SeatChoice.seatIdsBody(block.seats()));
	}

	private Session sold(Session session) {
		if (session.contains("bookingId")) {
			Block block = session.get("block");
			this.seatsSold.addAndGet(block.seats().size());
			if (block.cancel()) {
				this.toCancel.add(
						new Owned(session.getString("bookingId"), session.getString("token"), block.seats().size()));
			}
		}
		return session;
	}

	private Session joined(Session session) {
		if (session.contains("entryId")) {
			this.outcomes.add(Outcomes.WAITLIST_JOINED);
			Object position = session.contains("position") ? session.get("position") : null;
			this.log.write("JOINED", session.getString("entryId"), session.getInt("partySize"),
					System.currentTimeMillis(), session.getString("entryStatus"), position);
		}
		if (this.joinsDone.incrementAndGet() == this.waiters) {
			fireBurst();
		}
		// An entry offered at once (seats were free when it joined) has nothing to wait for.
		if ("OFFERED".equals(session.contains("entryStatus") ? session.getString("entryStatus") : null)) {
			return session.set("entryClosed", true);
		}
		return session;
	}

	private Session polled(Session session) {
		Session counted = session.set("polls", session.getInt("polls") + 1);
		this.outcomes.add(Outcomes.WAITLIST_POLLS);
		if (!session.contains("entry")) {
			return counted;
		}
		Map<String, Object> entry = session.getMap("entry");
		String status = String.valueOf(entry.get("status"));
		counted = counted.set("entryStatus", status).set("lastPollAt", System.currentTimeMillis());
		if ("OFFERED".equals(status) && entry.get("holdId") != null) {
			return counted.set("entryClosed", true)
				.set("offerHoldId", String.valueOf(entry.get("holdId")))
				.set("offerSeenAt", System.currentTimeMillis());
		}
		if (!"WAITING".equals(status)) {
			return counted.set("entryClosed", true);
		}
		return counted.remove("entry");
	}

	private Session offerOutcome(Session session) {
		if (session.contains("offerSeenAt")) {
			this.outcomes.add(Outcomes.OFFERS_SEEN);
			this.log.write("OFFER_SEEN", session.getString("entryId"), session.getInt("partySize"),
					session.getLong("offerSeenAt"), session.getString("offerHoldId"), session.getInt("polls"));
		}
		else {
			this.outcomes.add(Outcomes.NO_OFFER);
			this.log.write("NO_OFFER", session.getString("entryId"), session.getInt("partySize"),
					session.contains("lastPollAt") ? session.getLong("lastPollAt") : System.currentTimeMillis(),
					session.contains("entryStatus") ? session.getString("entryStatus") : null, session.getInt("polls"));
		}
		return session;
	}

	private Session offerBooked(Session session) {
		if (session.contains("bookingId")) {
			this.outcomes.add(Outcomes.OFFERS_BOOKED);
			this.log.write("OFFER_BOOKED", session.getString("entryId"), session.getInt("partySize"),
					System.currentTimeMillis(), session.getString("bookingId"), null);
		}
		return session;
	}

	private Session cancelled(Session session) {
		String status = session.contains("cancelStatus") ? String.valueOf(session.getInt("cancelStatus")) : null;
		this.log.write("CANCEL", session.getString("bookingId"), session.getInt("seats"), System.currentTimeMillis(),
				status, session.getLong("cancelSentAt"));
		return session;
	}

	/** 1 or 2 seats seen AVAILABLE, side by side when possible; best available when none. */
	private Session choosePublicSeats(Session session) {
		List<String> available = session.contains("available") ? session.getList("available") : List.of();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int count = 1 + random.nextInt(2);
		if (available.isEmpty()) {
			if (session.contains("availableCount")) {
				this.outcomes.add(Outcomes.SOLD_OUT);
			}
			return session.set("holdBody", SeatChoice.bestAvailableBody(count));
		}
		List<String> seats = SeatChoice.adjacent(available, count, random);
		if (seats.isEmpty()) {
			seats = List.of(available.get(random.nextInt(available.size())));
		}
		return session.set("holdBody", SeatChoice.seatIdsBody(seats));
	}

	private Session publicHeld(Session session) {
		List<Object> seats = session.getList("heldSeats");
		this.outcomes.add(Outcomes.PUBLIC_HOLDS);
		this.outcomes.add(Outcomes.PUBLIC_SEATS, seats.size());
		this.log.write("PUBLIC_HOLD", session.getString("holdId"), seats.size(), System.currentTimeMillis(), null,
				String.join(";", seats.stream().map(String::valueOf).toList()));
		return session.set("publicHoldId", session.getString("holdId"));
	}

	private static List<String> emails(int needed) {
		Path file = Path.of(LoadSettings.usersFile());
		List<String> emails;
		try {
			emails = Files.readAllLines(file)
				.stream()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.equals("email"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the users file " + file, ex);
		}
		if (emails.size() < needed) {
			throw new IllegalStateException(file + " has " + emails.size() + " users; this run needs " + needed
					+ " (sellers + waiters + users)");
		}
		return emails;
	}

	@Override
	public void after() {
		this.ledger.close();
		this.log.close();
		this.outcomes.add("seats_sold_before_burst", this.seatsSold.get());
		this.outcomes.write();
	}

	/** A booking to cancel at the burst, and the token of its owner. */
	private record Owned(String bookingId, String token, int seats) {
	}

	/** Seats one seller holds and confirms at once; {@code cancel}: cancelled at the burst. */
	record Block(int index, List<String> seats, boolean cancel) {
	}

	/**
	 * The show's seats cut into blocks of two side by side (consecutive numbers of a row),
	 * a row's odd seat out alone; {@code cancels} two-seat blocks (then single ones, if
	 * there are too few) are chosen at random to be cancelled. Built once, from the first
	 * seat map a seller read; sellers then take the blocks in turn.
	 */
	static final class SeatPlan {

		private final int cancels;

		private final long seed;

		private volatile List<Block> blocks;

		private final AtomicInteger next = new AtomicInteger();

		SeatPlan(int cancels, long seed) {
			this.cancels = cancels;
			this.seed = seed;
		}

		synchronized void prepare(List<String> seatIds) {
			if (this.blocks != null || seatIds.isEmpty()) {
				return;
			}
			Map<String, List<String>> rows = new LinkedHashMap<>();
			for (String id : seatIds) {
				int dash = id.lastIndexOf('-');
				rows.computeIfAbsent(id.substring(0, Math.max(0, dash)), (row) -> new ArrayList<>()).add(id);
			}
			List<List<String>> cut = new ArrayList<>();
			for (List<String> row : rows.values()) {
				row.sort(Comparator.comparingInt(SeatPlan::number));
				int i = 0;
				while (i < row.size()) {
					if (i + 1 < row.size() && number(row.get(i + 1)) == number(row.get(i)) + 1) {
						cut.add(List.of(row.get(i), row.get(i + 1)));
						i += 2;
					}
					else {
						cut.add(List.of(row.get(i)));
						i++;
					}
				}
			}
			List<Integer> pairs = new ArrayList<>();
			List<Integer> singles = new ArrayList<>();
			for (int i = 0; i < cut.size(); i++) {
				(cut.get(i).size() == 2 ? pairs : singles).add(i);
			}
			Random random = new Random(this.seed);
			Collections.shuffle(pairs, random);
			Collections.shuffle(singles, random);
			List<Integer> order = new ArrayList<>(pairs);
			order.addAll(singles);
			Set<Integer> chosen = new HashSet<>(order.subList(0, Math.min(this.cancels, order.size())));
			List<Block> made = new ArrayList<>();
			for (int i = 0; i < cut.size(); i++) {
				made.add(new Block(i, cut.get(i), chosen.contains(i)));
			}
			this.blocks = List.copyOf(made);
			System.out.println("Seat plan: " + seatIds.size() + " seats in " + made.size() + " blocks (" + pairs.size()
					+ " of two), " + chosen.size() + " to cancel at the burst");
		}

		Block next() {
			List<Block> plan = this.blocks;
			if (plan == null) {
				return null;
			}
			int i = this.next.getAndIncrement();
			return (i < plan.size()) ? plan.get(i) : null;
		}

		private static int number(String seatId) {
			try {
				return Integer.parseInt(seatId.substring(seatId.lastIndexOf('-') + 1));
			}
			catch (RuntimeException notRowNumber) {
				return Integer.MIN_VALUE;
			}
		}

	}

}
