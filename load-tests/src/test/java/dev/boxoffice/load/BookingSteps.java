package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

/**
 * The steps of buying tickets, shared by the simulations that book: log in, read a show's
 * seat map, hold seats, confirm the booking, cancel it.
 * <p>
 * A hold refused with 409 {@code SEATS_UNAVAILABLE} is what happens when another user was
 * faster: the checks accept it (it is not a KO), {@link Outcomes} counts it, and the user
 * tries again with the service's first suggestion, or best available seats when there is
 * none, up to {@code -DholdAttempts} times, then gives up.
 * <p>
 * Session attributes: {@code email} (from the feeder), {@code token}, {@code showId} (set by
 * the caller), {@code holdId}, {@code bookingId}.
 */
final class BookingSteps {

	static final String LOGIN = "login";

	static final String SEAT_MAP = "seat map";

	static final String HOLD = "hold seats";

	static final String CONFIRM = "confirm booking";

	static final String CONFIRM_AGAIN = "confirm again, same Idempotency-Key";

	static final String CANCEL = "cancel booking";

	static final String RELEASE = "release hold";

	private static final String AUTHORIZATION = "Authorization";

	private static final String BEARER = "Bearer #{token}";

	private final BookingLedger ledger;

	private final Outcomes outcomes;

	private final String password;

	private final int minSeats;

	private final int maxSeats;

	private final int holdAttempts;

	private final double bestAvailableRatio;

	private final double confirmAgainRatio;

	/**
	 * Reads {@code password}, {@code minSeats} / {@code maxSeats} (seats per hold),
	 * {@code holdAttempts} (tries before giving up), {@code bestAvailableRatio} (share of
	 * holds that ask for {@code {count}} instead of chosen seats) and
	 * {@code confirmAgainRatio} (share of bookings confirmed a second time with the same
	 * Idempotency-Key, which must return the same booking).
	 */
	BookingSteps(BookingLedger ledger, Outcomes outcomes, int defaultMaxSeats) {
		this.ledger = ledger;
		this.outcomes = outcomes;
		this.password = LoadSettings.password();
		this.minSeats = LoadSettings.integer("minSeats", 1);
		this.maxSeats = LoadSettings.integer("maxSeats", defaultMaxSeats);
		this.holdAttempts = LoadSettings.integer("holdAttempts", 3);
		this.bestAvailableRatio = LoadSettings.decimal("bestAvailableRatio", 0.2);
		this.confirmAgainRatio = LoadSettings.decimal("confirmAgainRatio", 0.05);
		if (this.minSeats < 1 || this.maxSeats < this.minSeats) {
			throw new IllegalArgumentException("-DminSeats and -DmaxSeats must satisfy 1 <= minSeats <= maxSeats");
		}
	}

	/** Logs in as the feeder's {@code email}; a user who cannot log in stops here. */
	ChainBuilder login() {
		return loginAttempt().exitHereIfFailed();
	}

	/**
	 * One login as the feeder's {@code email}, which sets {@code token}; a failure marks the
	 * session failed without ending the user, so the caller may try again.
	 */
	ChainBuilder loginAttempt() {
		return exec(http(LOGIN).post("/api/v1/auth/login")
			.body(StringBody((session) -> "{\"email\":\"" + json(session.getString("email")) + "\",\"password\":\""
					+ json(this.password) + "\"}"))
			.asJson()
			.check(status().is(200), jsonPath("$.accessToken").saveAs("token"), jsonPath("$.tokenType").is("Bearer")));
	}

	/** Reads the seat map of {@code showId} and keeps its available seats. */
	ChainBuilder seatMap() {
		return exec((session) -> session.remove("available").remove("availableCount"))
			.exec(http(SEAT_MAP).get("/api/v1/shows/#{showId}/seats")
				.check(status().is(200), jsonPath("$.showId").isEL("#{showId}"),
						jsonPath("$.counts.available").ofInt().saveAs("availableCount"),
						jsonPath("$.seats[?(@.status == 'AVAILABLE')].id").findAll().optional().saveAs("available")));
	}

	/**
	 * Holds 1 to {@code maxSeats} seats of {@code showId}: side by side from the seat map, or
	 * best available; sets {@code holdId} when it succeeds.
	 */
	ChainBuilder hold() {
		return exec(this::chooseSeats).asLongAs((session) -> session.contains("holdBody"))
			.on(exec((session) -> session.remove("holdStatus").remove("suggestions"))
				.exec(http(HOLD).post("/api/v1/shows/#{showId}/holds")
					.header(AUTHORIZATION, BEARER)
					.body(StringBody("#{holdBody}"))
					.asJson()
					.check(status().in(201, 409).saveAs("holdStatus"))
					.checkIf((response, session) -> response.status().code() == 201)
					.then(jsonPath("$.holdId").saveAs("holdId"), jsonPath("$.showId").isEL("#{showId}"),
							jsonPath("$.seatIds[*]").count().gte(1))
					.checkIf((response, session) -> response.status().code() == 409)
					.then(jsonPath("$.code").is("SEATS_UNAVAILABLE"),
							jsonPath("$.suggestions").ofList().optional().saveAs("suggestions")))
				.exec(this::afterHoldAttempt));
	}

	/**
	 * One hold request with the body the caller put in {@code holdBody}, without retries:
	 * sets {@code holdId} and {@code heldSeats} when it succeeds; a 409
	 * {@code SEATS_UNAVAILABLE} is an expected outcome, counted, not a KO.
	 */
	ChainBuilder holdOnce() {
		return exec((session) -> session.remove("holdStatus").remove("holdId").remove("heldSeats"))
			.exec(http(HOLD).post("/api/v1/shows/#{showId}/holds")
				.header(AUTHORIZATION, BEARER)
				.body(StringBody("#{holdBody}"))
				.asJson()
				.check(status().in(201, 409).saveAs("holdStatus"))
				.checkIf((response, session) -> response.status().code() == 201)
				.then(jsonPath("$.holdId").saveAs("holdId"), jsonPath("$.showId").isEL("#{showId}"),
						jsonPath("$.seatIds[*]").findAll().saveAs("heldSeats"))
				.checkIf((response, session) -> response.status().code() == 409)
				.then(jsonPath("$.code").is("SEATS_UNAVAILABLE")))
			.exec((session) -> {
				if (session.contains("holdId")) {
					this.outcomes.add(Outcomes.HOLDS);
				}
				else if (session.contains("holdStatus") && session.getInt("holdStatus") == 409) {
					this.outcomes.add(Outcomes.HOLD_CONFLICTS);
				}
				return session.remove("holdBody");
			});
	}

	/**
	 * Confirms {@code holdId} with an approving payment token and a fresh Idempotency-Key;
	 * sets {@code bookingId} and records what it saw in the ledger.
	 */
	ChainBuilder confirm() {
		String body = "{\"holdId\":\"#{holdId}\",\"payment\":{\"token\":\"tok_ok\"}}";
		return exec((session) -> session.set("idempotencyKey", UUID.randomUUID().toString())
			.remove("confirmStatus")
			.remove("bookingId"))
			.exec(http(CONFIRM).post("/api/v1/bookings")
				.header(AUTHORIZATION, BEARER)
				.header("Idempotency-Key", "#{idempotencyKey}")
				.body(StringBody(body))
				.asJson()
				// Saved before anything is validated, so a booking the service made is recorded
				// even when another check of this answer fails.
				.check(status().saveAs("confirmStatus"), jsonPath("$.bookingId").optional().saveAs("bookingId"),
						status().is(201), jsonPath("$.status").is("CONFIRMED"), jsonPath("$.showId").isEL("#{showId}"),
						jsonPath("$.ticketCode").exists()))
			.exec(this::recordConfirmation)
			.doIf((session) -> session.contains("bookingId")
					&& ThreadLocalRandom.current().nextDouble() < this.confirmAgainRatio)
			.then(exec(http(CONFIRM_AGAIN).post("/api/v1/bookings")
				.header(AUTHORIZATION, BEARER)
				.header("Idempotency-Key", "#{idempotencyKey}")
				.body(StringBody(body))
				.asJson()
				.check(status().is(201), jsonPath("$.bookingId").isEL("#{bookingId}"))));
	}

	/** Gives {@code holdId} back: the user changed their mind before paying. */
	ChainBuilder release() {
		return exec(http(RELEASE).delete("/api/v1/holds/#{holdId}").header(AUTHORIZATION, BEARER).check(status().is(204)))
			.exec((session) -> session.remove("holdId"));
	}

	/** Cancels {@code bookingId} and records it in the ledger. */
	ChainBuilder cancel() {
		return exec((session) -> session.remove("cancelStatus"))
			.exec(http(CANCEL).post("/api/v1/bookings/#{bookingId}/cancel")
				.header(AUTHORIZATION, BEARER)
				.check(status().saveAs("cancelStatus"), status().is(200), jsonPath("$.status").is("CANCELLED"),
						jsonPath("$.bookingId").isEL("#{bookingId}")))
			.exec(this::recordCancellation);
	}

	private Session chooseSeats(Session session) {
		Session fresh = session.remove("holdBody").remove("holdId").remove("bookingId").remove("suggestions");
		List<String> available = session.contains("available") ? session.getList("available") : List.of();
		fresh = fresh.remove("available");
		if (available.isEmpty()) {
			if (session.contains("availableCount")) {
				this.outcomes.add(Outcomes.SOLD_OUT);
			}
			return fresh;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int count = this.minSeats + random.nextInt(this.maxSeats - this.minSeats + 1);
		List<String> seats = (random.nextDouble() < this.bestAvailableRatio) ? List.of()
				: SeatChoice.adjacent(available, count, random);
		String body = seats.isEmpty() ? SeatChoice.bestAvailableBody(count) : SeatChoice.seatIdsBody(seats);
		return fresh.set("seatCount", count).set("holdAttempt", 1).set("holdBody", body);
	}

	private Session afterHoldAttempt(Session session) {
		Session done = session.remove("holdBody");
		if (session.contains("holdId")) {
			this.outcomes.add(Outcomes.HOLDS);
			return done;
		}
		if (!session.contains("holdStatus") || session.getInt("holdStatus") != 409) {
			// Neither held nor refused: the request failed and Gatling counted it as KO.
			return done;
		}
		this.outcomes.add(Outcomes.HOLD_CONFLICTS);
		int attempt = session.getInt("holdAttempt");
		if (attempt >= this.holdAttempts) {
			this.outcomes.add(Outcomes.HOLDS_GIVEN_UP);
			return done;
		}
		List<String> suggestion = SeatChoice.firstSuggestion(session.get("suggestions"));
		String body = suggestion.isEmpty() ? SeatChoice.bestAvailableBody(session.getInt("seatCount"))
				: SeatChoice.seatIdsBody(suggestion);
		return session.set("holdAttempt", attempt + 1).set("holdBody", body);
	}

	private Session recordConfirmation(Session session) {
		String showId = session.getString("showId");
		String holdId = session.getString("holdId");
		if (!session.contains("confirmStatus")) {
			// No answer at all: the service may have made the booking.
			this.ledger.confirmUnknown(showId, holdId);
			this.outcomes.add(Outcomes.CONFIRM_UNKNOWN);
			return session;
		}
		int status = session.getInt("confirmStatus");
		if (status >= 200 && status < 300 && session.contains("bookingId")) {
			this.ledger.confirmed(session.getString("bookingId"), showId, holdId);
			this.outcomes.add(Outcomes.CONFIRMED);
			return session;
		}
		return session.remove("bookingId");
	}

	private Session recordCancellation(Session session) {
		String bookingId = session.getString("bookingId");
		String showId = session.getString("showId");
		if (!session.contains("cancelStatus")) {
			this.ledger.cancelUnknown(bookingId, showId);
		}
		else if (session.getInt("cancelStatus") == 200) {
			this.ledger.cancelled(bookingId, showId);
			this.outcomes.add(Outcomes.CANCELLED);
		}
		return session;
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
