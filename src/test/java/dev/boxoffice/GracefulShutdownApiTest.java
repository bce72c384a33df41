package dev.boxoffice;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance shut down (as on SIGTERM: its context closed, graceful shutdown) while
 * people book through it and watch the seat map from it. A client does what a browser
 * behind a load balancer would: a request that finds the instance gone (refused or closed
 * connection) is sent to the other one, a confirmation with the same
 * {@code Idempotency-Key}; a seat stream that ends reconnects after its {@code retry}
 * hint with its {@code Last-Event-ID}.
 */
class GracefulShutdownApiTest extends ApiTest {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdownApiTest.class);

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private static final int ROWS = 20;

	private static final int SEATS_PER_ROW = 20;

	private static final int BOOKERS = 10;

	private static final int STREAMS = 20;

	@Autowired
	private JsonMapper json;

	@Test
	void noConfirmationIsLostAndEveryStreamResumesOnTheOtherInstanceWithoutMissingAChange() throws Exception {
		String showId = bigShow();
		ConfigurableApplicationContext leaving = secondInstance(Map.of("boxoffice.payment.latency", "300ms"));
		List<SeatWatcher> watchers = new ArrayList<>();
		try {
			shutDownUnderLoad(showId, leaving, watchers);
		}
		finally {
			watchers.forEach(SeatWatcher::stop);
			leaving.close();
		}
	}

	private void shutDownUnderLoad(String showId, ConfigurableApplicationContext leaving, List<SeatWatcher> watchers)
			throws Exception {
		WebClient staying = http();
		WebClient goingAway = http(leaving);
		awaitLiveFeed(staying, showId);
		awaitLiveFeed(goingAway, showId);
		// Someone watches the show on the instance that stays, as clients spread over
		// instances do: it knows the show's recent events, so a stream resumes there.
		SeatWatcher anchor = new SeatWatcher(showId, staying, staying);
		watchers.add(anchor);
		List<SeatWatcher> leavingWatchers = new ArrayList<>();
		for (int i = 0; i < STREAMS; i++) {
			leavingWatchers.add(new SeatWatcher(showId, goingAway, staying));
		}
		watchers.addAll(leavingWatchers);
		await().atMost(Duration.ofSeconds(20)).until(() -> watchers.stream().allMatch(SeatWatcher::hasSnapshot));

		Load load = new Load(showId, goingAway, staying, this.data.userTokens(BOOKERS));
		ExecutorService pool = Executors.newFixedThreadPool(BOOKERS);
		List<Future<?>> bookers = new ArrayList<>();
		for (int booker = 0; booker < BOOKERS; booker++) {
			int index = booker;
			bookers.add(pool.submit(() -> load.book(index)));
		}
		Shutdown shutdown;
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> load.confirmed.size() >= 30);
			shutdown = close(leaving, load);
			for (Future<?> booker : bookers) {
				booker.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Instant lastStreamEnded = leavingWatchers.stream()
			.map((watcher) -> watcher.endedWithRetryHintAt)
			.filter(Objects::nonNull)
			.max(Instant::compareTo)
			.orElse(null);
		log.info(
				"Shutdown under load: closing took {} ms; every stream ended {} ms after closing began; requests in flight"
						+ " as the bookers counted them: {}, as the instance did (seat streams included): {}; bookings {} before,"
						+ " {} after",
				shutdown.took().toMillis(),
				(lastStreamEnded != null) ? Duration.between(shutdown.startedAt(), lastStreamEnded).toMillis() : "-",
				shutdown.clientRequestsInFlight(), shutdown.serverRequestsActive(), shutdown.confirmedBefore(),
				load.confirmed.size() - shutdown.confirmedBefore());

		assertThat(load.statuses).as("answers to the bookers").noneMatch((status) -> status >= 500);
		assertThat(load.confirmed.size() - shutdown.confirmedBefore()).as("bookings after the shutdown began")
			.isPositive();
		assertThat(new HashSet<>(load.confirmed)).as("every booking answered 201 is in the database, no other")
			.isEqualTo(Set.copyOf(confirmedInDatabase(showId)));
		for (SeatWatcher watcher : leavingWatchers) {
			assertThat(watcher.endedWithRetryHintAt).as("the stream on the leaving instance ended with a retry hint")
				.isNotNull();
			assertThat(watcher.endedWithRetryHintAt).as("before the instance was gone").isBefore(shutdown.finishedAt());
			assertThat(watcher.failures).as("stream failures").isEmpty();
		}
		Map<String, String> truth = seatMap(staying, showId);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(leavingWatchers).allSatisfy((watcher) -> assertThat(watcher.differencesFrom(truth))
						.as("seats a resumed map shows otherwise than the service")
						.isEmpty()));
		assertThat(anchor.differencesFrom(truth)).as("seats the stream on the staying instance shows otherwise")
			.isEmpty();
		for (SeatWatcher watcher : leavingWatchers) {
			assertThat(watcher.resumedWith).as("resumed with its Last-Event-ID").isNotNull();
			assertThat(watcher.snapshotsAfterResuming).as("resumed from its position, not from a new snapshot")
				.hasValue(0);
		}
	}

	/**
	 * Until an instance's live feed has joined Kafka, a new seat stream gets only a
	 * reconnect hint: a watcher would go to the other instance at once, before the
	 * shutdown, and have nothing to resume. So wait, as a client would, for a stream that
	 * opens with a snapshot.
	 */
	private static void awaitLiveFeed(WebClient instance, String showId) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> "snapshot".equals(instance.get()
				.uri("/api/v1/shows/" + showId + "/seats/stream")
				.accept(MediaType.TEXT_EVENT_STREAM)
				.retrieve()
				.bodyToFlux(EVENTS)
				.next()
				.map((first) -> String.valueOf(first.event()))
				.block(Duration.ofSeconds(10))));
	}

	/** Closes the instance as SIGTERM would, and says how it went. */
	private Shutdown close(ConfigurableApplicationContext leaving, Load load) {
		load.closing = true;
		int confirmedBefore = load.confirmed.size();
		int clientRequests = load.inFlightOnLeaving.get();
		// Seat streams included: the route of a request still running is not known yet.
		int serverRequests = leaving.getBean(MeterRegistry.class)
			.find("http.server.requests.active")
			.longTaskTimers()
			.stream()
			.mapToInt(LongTaskTimer::activeTasks)
			.sum();
		Instant start = Instant.now();
		leaving.close();
		return new Shutdown(confirmedBefore, clientRequests, serverRequests, start, Instant.now());
	}

	/**
	 * A show in a 20 x 20 hall, so each booker has seats of its own and every conflict is
	 * a bug.
	 */
	private String bigShow() {
		String theaterId = this.data.theater("Grand", "Lyon");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int row = 0; row < ROWS; row++) {
			rows.add(TestData.row(String.valueOf((char) ('A' + row)), SEATS_PER_ROW, "STANDARD"));
		}
		String hallId = this.data.hall(theaterId, "Grand", rows).get("hallId").asString();
		String movieId = this.data.movie("Playtime", 124, "Comedy");
		Instant startsAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		return this.data.show(movieId, hallId, startsAt, Map.of("STANDARD", 1000)).get("showId").asString();
	}

	private List<String> confirmedInDatabase(String showId) {
		return this.data.db()
			.sql("select id from bookings where show_id = :show and status = 'CONFIRMED'")
			.bind("show", UUID.fromString(showId))
			.map((row) -> row.get("id", UUID.class).toString())
			.all()
			.collectList()
			.block();
	}

	private Map<String, String> seatMap(WebClient client, String showId) {
		JsonNode map = client.get()
			.uri("/api/v1/shows/" + showId + "/seats")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block();
		Map<String, String> seats = new HashMap<>();
		map.get("seats").forEach((seat) -> seats.put(seat.get("id").asString(), seat.get("status").asString()));
		return seats;
	}

	/**
	 * How the shutdown went: requests in flight as the bookers counted them and as the
	 * leaving instance did (seat streams included), and how long closing took.
	 */
	record Shutdown(int confirmedBefore, int clientRequestsInFlight, int serverRequestsActive, Instant startedAt,
			Instant finishedAt) {

		Duration took() {
			return Duration.between(this.startedAt, this.finishedAt);
		}

	}

	/**
	 * Bookers, each holding two seats of its own at a time and paying for them, on the
	 * leaving instance until it is gone, then on the other.
	 */
	private static final class Load {

		private final String showId;

		private final WebClient leaving;

		private final WebClient staying;

		private final List<String> tokens;

		final List<String> confirmed = new CopyOnWriteArrayList<>();

		final List<Integer> statuses = new CopyOnWriteArrayList<>();

		final AtomicInteger inFlightOnLeaving = new AtomicInteger();

		/** Set when the instance is told to stop: from then on, it may not answer. */
		volatile boolean closing;

		Load(String showId, WebClient leaving, WebClient staying, List<String> tokens) {
			this.showId = showId;
			this.leaving = leaving;
			this.staying = staying;
			this.tokens = tokens;
		}

		/** Booker {@code index} books its two rows, two seats at a time. */
		void book(int index) {
			Client client = new Client();
			for (int row = index * 2; row < index * 2 + 2; row++) {
				String label = String.valueOf((char) ('A' + row));
				for (int seat = 1; seat < SEATS_PER_ROW; seat += 2) {
					List<String> pair = List.of(label + "-" + seat, label + "-" + (seat + 1));
					bookPair(client, this.tokens.get(index), pair);
				}
			}
		}

		private void bookPair(Client client, String token, List<String> seats) {
			Answer hold = client.send((web) -> web.post()
				.uri("/api/v1/shows/" + this.showId + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.bodyValue(Map.of("seatIds", seats)));
			if (hold.status() != 201) {
				// A hold whose answer was lost with the instance, asked again: its own
				// first attempt may hold the seats. They expire with it.
				return;
			}
			String key = UUID.randomUUID().toString();
			Answer booking = client.send((web) -> web.post()
				.uri("/api/v1/bookings")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.header("Idempotency-Key", key)
				.bodyValue(
						Map.of("holdId", hold.body().get("holdId").asString(), "payment", Map.of("token", "tok_ok"))));
			if (booking.status() == 201) {
				this.confirmed.add(booking.body().get("bookingId").asString());
			}
		}

		/** One client: the leaving instance until it fails to answer, then the other. */
		private final class Client {

			private boolean leavingGone;

			Answer send(java.util.function.Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
				if (!this.leavingGone) {
					Load.this.inFlightOnLeaving.incrementAndGet();
					try {
						return exchange(request.apply(Load.this.leaving));
					}
					catch (RuntimeException gone) {
						// Refused, or closed before an answer: the instance is gone.
						// Before
						// the shutdown, a failure is a failure.
						if (!Load.this.closing) {
							throw gone;
						}
						this.leavingGone = true;
					}
					finally {
						Load.this.inFlightOnLeaving.decrementAndGet();
					}
				}
				return exchange(request.apply(Load.this.staying));
			}

			/**
			 * The answer; a confirmation still in progress under the same key elsewhere
			 * is asked again shortly, as its 409 says.
			 */
			private Answer exchange(WebClient.RequestHeadersSpec<?> request) {
				Answer answer = request
					.exchangeToMono((response) -> response.bodyToMono(JsonNode.class)
						.map((body) -> new Answer(response.statusCode().value(), body))
						.defaultIfEmpty(new Answer(response.statusCode().value(), null)))
					.flatMap((result) -> result.isKeyInUse() ? Mono.error(new KeyInUse()) : Mono.just(result))
					.retryWhen(Retry.fixedDelay(100, Duration.ofMillis(200)).filter(KeyInUse.class::isInstance))
					.block(Duration.ofSeconds(60));
				Load.this.statuses.add(answer.status());
				return answer;
			}

		}

	}

	private record Answer(int status, JsonNode body) {

		boolean isKeyInUse() {
			return this.status == 409 && this.body != null && this.body.has("code")
					&& "IDEMPOTENCY_KEY_IN_USE".equals(this.body.get("code").asString());
		}

	}

	private static final class KeyInUse extends RuntimeException {

		KeyInUse() {
			super(null, null, false, false);
		}

	}

	/**
	 * A browser's seat map: a stream on {@code first}; when that ends, the same stream on
	 * {@code then} after the retry hint, from its last event id. It applies the snapshot
	 * and every change to its own copy of the map.
	 */
	private final class SeatWatcher {

		private final String showId;

		private final WebClient then;

		final Map<String, String> seats = new ConcurrentHashMap<>();

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		final AtomicInteger snapshotsAfterResuming = new AtomicInteger();

		volatile String lastEventId;

		/** The reconnection delay of the hint that ended the stream, when one did. */
		volatile Duration retryHint;

		volatile Instant endedWithRetryHintAt;

		volatile String resumedWith;

		private volatile boolean snapshot;

		private volatile Disposable current;

		SeatWatcher(String showId, WebClient first, WebClient then) {
			this.showId = showId;
			this.then = then;
			this.current = open(first, null);
		}

		boolean hasSnapshot() {
			return this.snapshot;
		}

		/**
		 * Each seat whose status here is not the one {@code truth} has: seat, here,
		 * there.
		 */
		List<String> differencesFrom(Map<String, String> truth) {
			List<String> differences = new ArrayList<>();
			truth.forEach((seat, status) -> {
				if (!status.equals(this.seats.get(seat))) {
					differences.add(seat + ": " + this.seats.get(seat) + " instead of " + status);
				}
			});
			return differences;
		}

		void stop() {
			this.current.dispose();
		}

		private Disposable open(WebClient client, String lastEventId) {
			return client.get()
				.uri("/api/v1/shows/" + this.showId + "/seats/stream")
				.accept(MediaType.TEXT_EVENT_STREAM)
				.headers((headers) -> {
					if (lastEventId != null) {
						headers.set("Last-Event-ID", lastEventId);
					}
				})
				.retrieve()
				.bodyToFlux(EVENTS)
				.subscribe((event) -> receive(event, lastEventId != null), this.failures::add,
						() -> ended(lastEventId != null));
		}

		private void receive(ServerSentEvent<String> event, boolean resumed) {
			// The snapshot carries a retry too; the hint that ends a stream is no event.
			if (event.retry() != null && event.event() == null) {
				this.retryHint = event.retry();
			}
			if (event.id() != null) {
				this.lastEventId = event.id();
			}
			if ("snapshot".equals(event.event())) {
				this.seats.clear();
				GracefulShutdownApiTest.this.json.readTree(event.data())
					.get("seats")
					.forEach((seat) -> this.seats.put(seat.get("id").asString(), seat.get("status").asString()));
				this.snapshot = true;
				if (resumed) {
					this.snapshotsAfterResuming.incrementAndGet();
				}
			}
			else if ("seats".equals(event.event())) {
				GracefulShutdownApiTest.this.json.readTree(event.data())
					.get("changes")
					.forEach((change) -> this.seats.put(change.get("seatId").asString(),
							change.get("status").asString()));
			}
		}

		/** The server ended the stream: come back after its hint, where it was. */
		private void ended(boolean resumed) {
			if (resumed) {
				return;
			}
			if (this.retryHint != null) {
				this.endedWithRetryHintAt = Instant.now();
			}
			this.resumedWith = this.lastEventId;
			Duration wait = (this.retryHint != null) ? this.retryHint : Duration.ofSeconds(3);
			this.current = Mono.delay(wait).subscribe((tick) -> this.current = open(this.then, this.resumedWith));
		}

	}

}
