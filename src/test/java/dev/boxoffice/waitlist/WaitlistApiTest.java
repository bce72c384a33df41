package dev.boxoffice.waitlist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.boxoffice.seating.Hold;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.seating.SeatHolds;
import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonReactiveClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md's waiting list on the real stack: first come, first served by party size, the
 * waiting list before a racing public, one offer per seat across two instances, and what
 * becomes of an offer (booked, left, run out, an instance dying while making it).
 */
class WaitlistApiTest extends ApiTest {

	@Autowired
	private HoldService holds;

	@Autowired
	private RedissonReactiveClient redisson;

	@Test
	void entriesAreJoinedListedInOrderAndLeft() {
		Scene scene = soldOut();
		String ada = this.data.userToken();
		String bob = this.data.userToken();
		JsonNode first = join(ada, scene, Map.of("count", 2));
		assertThat(first.get("status").asString()).isEqualTo("WAITING");
		assertThat(first.get("position").asInt()).isEqualTo(1);
		assertThat(first.get("holdId").isNull()).isTrue();
		JsonNode second = join(bob, scene, Map.of("count", 1, "category", "STANDARD"));
		assertThat(second.get("position").asInt()).isEqualTo(2);
		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ada)
			.bodyValue(Map.of("count", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("ALREADY_WAITING");
		// Someone else's entry does not exist for Bob.
		this.client.delete()
			.uri("/api/v1/waitlist/" + first.get("entryId").asString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + bob)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/api/v1/waitlist/" + first.get("entryId").asString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ada)
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(mine(bob)).singleElement().satisfies((entry) -> {
			assertThat(entry.get("position").asInt()).isEqualTo(1);
			assertThat(entry.get("category").asString()).isEqualTo("STANDARD");
		});
		assertThat(mine(ada)).isEmpty();
	}

	/**
	 * The contract answers a join with the entry as joined; seats free at that moment
	 * still reach it, as an offer made just after.
	 */
	@Test
	void aJoinAnswersWaitingAndFreeSeatsAreOfferedJustAfter() {
		Scene scene = this.data.scene();
		String waiter = this.data.userToken();
		JsonNode joined = join(waiter, scene, Map.of("count", 2));
		assertThat(joined.get("status").asString()).isEqualTo("WAITING");
		assertThat(joined.get("position").asInt()).isEqualTo(1);
		assertThat(joined.get("holdId").isNull()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> "OFFERED".equals(status(waiter, scene)));
		List<String> offered = offeredSeats(waiter, scene);
		assertThat(offered).hasSize(2);
		Map<String, String> seats = this.data.seatStatuses(scene.showId());
		offered.forEach((seat) -> assertThat(seats.get(seat)).as(seat).isEqualTo("HELD"));
	}

	/**
	 * The offer pass runs after a join's answer, maybe much later when another pass holds
	 * the show's lock: seats freed in between must already be kept for the list, never
	 * put on sale.
	 */
	@Test
	void seatsFreedAfterAJoinButBeforeAnyOfferPassAreKeptForTheList() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		List<String> bookings = sellOut(owner, scene);
		String waiter = this.data.userToken();
		String shopper = this.data.userToken();
		var lock = this.redisson.getLock("boxoffice:waitlist:{" + scene.showId() + "}");
		long passOnAnotherInstance = 42;
		assertThat(lock.tryLock(0, 30, TimeUnit.SECONDS, passOnAnotherInstance).block()).isTrue();
		try {
			join(waiter, scene, Map.of("count", 3));
			cancel(owner, bookings.get(0));
			Map<String, String> seats = this.data.seatStatuses(scene.showId());
			for (String seat : List.of("A-1", "A-2", "A-3")) {
				assertThat(seats.get(seat)).as(seat).isEqualTo("HELD");
			}
			this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + shopper)
				.bodyValue(Map.of("seatIds", List.of("A-1")))
				.exchange()
				.expectStatus()
				.isEqualTo(409);
		}
		finally {
			lock.unlock(passOnAnotherInstance).block();
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> "OFFERED".equals(status(waiter, scene)));
		assertThat(offeredSeats(waiter, scene)).containsExactlyInAnyOrder("A-1", "A-2", "A-3");
	}

	@Test
	void badEntriesAreRefused() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		expectJoin(token, scene.showId(), Map.of("count", 0), 422);
		expectJoin(token, scene.showId(), Map.of("count", 11), 422);
		expectJoin(token, scene.showId(), Map.of(), 422);
		expectJoin(token, scene.showId(), Map.of("count", 2, "category", "BALCONY"), 422);
		expectJoin(token, UUID.randomUUID().toString(), Map.of("count", 2), 404);
		this.clock.advance(Duration.ofDays(2));
		expectJoin(token, scene.showId(), Map.of("count", 2), 422);
	}

	@Test
	void freedSeatsGoFirstComeFirstServedToEntriesTheyFitSkippingOnesThatDoNot() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		List<String> bookings = sellOut(owner, scene);
		String four = this.data.userToken();
		String one = this.data.userToken();
		String two = this.data.userToken();
		join(four, scene, Map.of("count", 4));
		join(one, scene, Map.of("count", 1));
		join(two, scene, Map.of("count", 2));
		// A-1..A-3 free up: three adjacent seats cannot seat four, so the first entry is
		// skipped, the second gets one seat and the third the two next to each other.
		cancel(owner, bookings.get(0));
		await().atMost(Duration.ofSeconds(10)).until(() -> "OFFERED".equals(status(two, scene)));
		assertThat(status(one, scene)).isEqualTo("OFFERED");
		JsonNode skipped = mine(four).get(0);
		assertThat(skipped.get("status").asString()).isEqualTo("WAITING");
		assertThat(skipped.get("position").asInt()).isEqualTo(1);
		Set<String> offered = new HashSet<>();
		offered.addAll(offeredSeats(one, scene));
		offered.addAll(offeredSeats(two, scene));
		assertThat(offered).containsExactlyInAnyOrder("A-1", "A-2", "A-3");
		this.data.seatStatuses(scene.showId()).forEach((seat, status) -> {
			if (offered.contains(seat)) {
				assertThat(status).as(seat).isEqualTo("HELD");
			}
		});
	}

	@Test
	void theWaitingListGetsFreedSeatsBeforeAPublicHammeringTwoInstances() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		List<String> bookings = sellOut(owner, scene);
		List<String> waiting = this.data.userTokens(3);
		for (String token : waiting) {
			join(token, scene, Map.of("count", 2));
		}
		List<String> public_ = this.data.userTokens(20);
		List<String> publicHolds = new CopyOnWriteArrayList<>();
		AtomicBoolean hammering = new AtomicBoolean(true);
		try (ConfigurableApplicationContext other = secondInstance(Map.of())) {
			List<WebClient> instances = List.of(http(), http(other));
			List<reactor.core.Disposable> hammers = new ArrayList<>();
			List<Throwable> hammerFailures = new CopyOnWriteArrayList<>();
			for (int i = 0; i < public_.size(); i++) {
				String token = public_.get(i);
				WebClient client = instances.get(i % 2);
				// A tick that comes while the client's request is out is dropped: without
				// that the interval fails as soon as one request takes longer than a
				// tick,
				// and the client stops rushing after its first hold.
				hammers.add(Flux.interval(Duration.ofMillis(5))
					.onBackpressureDrop()
					.takeWhile((tick) -> hammering.get())
					.concatMap((tick) -> client.post()
						.uri("/api/v1/shows/" + scene.showId() + "/holds")
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
						.bodyValue(Map.of("count", 1))
						.exchangeToMono((response) -> response.statusCode().value() == 201
								? response.bodyToMono(JsonNode.class) : response.releaseBody().then(Mono.empty()))
						.doOnNext((hold) -> hold.get("seatIds").forEach((seat) -> publicHolds.add(seat.asString()))), 1)
					.subscribe(null, hammerFailures::add));
			}
			// Row B is one booking of ten seats: it frees eight more than the list needs.
			cancel(owner, bookings.get(1));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> waiting.stream().allMatch((token) -> "OFFERED".equals(status(token, scene))));
			hammering.set(false);
			hammers.forEach(reactor.core.Disposable::dispose);
			assertThat(hammerFailures).as("the public rushed until the offers were made").isEmpty();
		}
		Set<String> offered = new HashSet<>();
		for (String token : waiting) {
			List<String> seats = offeredSeats(token, scene);
			assertThat(seats).hasSize(2);
			seats.forEach((seat) -> assertThat(offered.add(seat)).as("%s offered twice", seat).isTrue());
		}
		assertThat(offered).allMatch((seat) -> seat.startsWith("B-"));
		assertThat(publicHolds).doesNotContainAnyElementsOf(offered).doesNotHaveDuplicates();
		assertThat(publicHolds).allMatch((seat) -> seat.startsWith("B-")).hasSizeLessThanOrEqualTo(4);
	}

	@Test
	void anOfferIsBookedLikeAnyHold() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		List<String> bookings = sellOut(owner, scene);
		String waiter = this.data.userToken();
		join(waiter, scene, Map.of("count", 2));
		cancel(owner, bookings.get(0));
		await().atMost(Duration.ofSeconds(10)).until(() -> "OFFERED".equals(status(waiter, scene)));
		JsonNode entry = mine(waiter).get(0);
		assertThat(entry.get("expiresAt").isNull()).isFalse();
		this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + waiter)
			.bodyValue(Map.of("holdId", entry.get("holdId").asString(), "payment", Map.of("token", "tok_ok")))
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(10)).until(() -> "BOOKED".equals(status(waiter, scene)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.data.count("select count(*) from notifications where kind = 'WAITLIST_OFFER'") == 1);
	}

	@Test
	void leavingWithAnOfferPassesItsSeatsToTheNextAtOnce() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		List<String> bookings = sellOut(owner, scene);
		String first = this.data.userToken();
		String second = this.data.userToken();
		JsonNode entry = join(first, scene, Map.of("count", 3));
		join(second, scene, Map.of("count", 3));
		cancel(owner, bookings.get(0));
		await().atMost(Duration.ofSeconds(10)).until(() -> "OFFERED".equals(status(first, scene)));
		List<String> seats = offeredSeats(first, scene);
		this.client.delete()
			.uri("/api/v1/waitlist/" + entry.get("entryId").asString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + first)
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(status(second, scene)).isEqualTo("OFFERED");
		assertThat(offeredSeats(second, scene)).containsExactlyInAnyOrderElementsOf(seats);
	}

	@Test
	void anOfferPlacedByAnInstanceThatDiedBeforeRecordingItIsTakenOverNotRepeated() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		List<String> bookings = sellOut(owner, scene);
		String waiter = this.data.userToken();
		JsonNode entry = join(waiter, scene, Map.of("count", 1));
		UUID entryId = UUID.fromString(entry.get("entryId").asString());
		UUID userId = this.data.db()
			.sql("select user_id from waitlist_entries where id = :id")
			.bind("id", entryId)
			.map((row) -> row.get(0, UUID.class))
			.one()
			.block();
		// The dying instance holds the show's lock (its lease runs out in 2 s) and has
		// placed the offer in Redis, but never recorded it.
		this.redisson.getLock("boxoffice:waitlist:{" + scene.showId() + "}")
			.tryLock(0, 2_000, TimeUnit.MILLISECONDS, 42L)
			.block();
		cancel(owner, bookings.get(0));
		Hold placed = new Hold(WaitlistEntry.offerHoldId(entryId), UUID.fromString(scene.showId()), userId,
				List.of("A-2"), java.time.Instant.now().plus(Duration.ofMinutes(15)), 1200, "EUR");
		assertThat(this.holds.offer(placed, Duration.ofMinutes(15)).block())
			.isInstanceOf(SeatHolds.Attempt.Placed.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> "OFFERED".equals(status(waiter, scene)));
		assertThat(mine(waiter).get(0).get("holdId").asString()).isEqualTo(placed.holdId().toString());
		assertThat(offeredSeats(waiter, scene)).containsExactly("A-2");
		// The other freed seats went back on sale: nobody else waits.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "AVAILABLE".equals(this.data.seatStatuses(scene.showId()).get("A-1")));
	}

	@Test
	void anAdminSeesWhoWaits() {
		Scene scene = soldOut();
		join(this.data.userToken(), scene, Map.of("count", 2));
		join(this.data.userToken(), scene, Map.of("count", 3));
		this.client.get()
			.uri("/api/v1/admin/shows/" + scene.showId() + "/stats")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.waiting.people")
			.isEqualTo(2)
			.jsonPath("$.waiting.seats")
			.isEqualTo(5);
	}

	@Test
	void entriesOfAShowThatStartedExpire() {
		Scene scene = soldOut();
		String waiter = this.data.userToken();
		join(waiter, scene, Map.of("count", 2));
		this.clock.advance(Duration.ofDays(2));
		await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(status(waiter, scene)));
	}

	/** A show with every seat booked. */
	private Scene soldOut() {
		Scene scene = this.data.scene();
		sellOut(this.data.userToken(), scene);
		return scene;
	}

	/** Books all 30 seats, a row per booking (A, B, C); returns the booking ids. */
	private List<String> sellOut(String token, Scene scene) {
		List<String> bookings = new ArrayList<>();
		for (String row : new String[] { "A", "B", "C" }) {
			String[] seats = new String[10];
			for (int i = 0; i < 10; i++) {
				seats[i] = row + "-" + (i + 1);
			}
			bookings.add(this.data.book(token, scene.showId(), seats));
		}
		// A-1..A-3 booked on their own: the first booking is those three seats.
		cancel(token, bookings.get(0));
		List<String> result = new ArrayList<>();
		result.add(this.data.book(token, scene.showId(), "A-1", "A-2", "A-3"));
		result.add(bookings.get(1));
		result.add(bookings.get(2));
		String[] rest = { "A-4", "A-5", "A-6", "A-7", "A-8", "A-9", "A-10" };
		result.add(this.data.book(token, scene.showId(), rest));
		return result;
	}

	private JsonNode join(String token, Scene scene, Map<String, Object> body) {
		return this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private void expectJoin(String token, String showId, Map<String, Object> body, int status) {
		this.client.post()
			.uri("/api/v1/shows/" + showId + "/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	private List<JsonNode> mine(String token) {
		JsonNode entries = this.client.get()
			.uri("/api/v1/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		List<JsonNode> list = new ArrayList<>();
		entries.forEach(list::add);
		return list;
	}

	private String status(String token, Scene scene) {
		return mine(token).stream()
			.filter((entry) -> entry.get("showId").asString().equals(scene.showId()))
			.map((entry) -> entry.get("status").asString())
			.findFirst()
			.orElse("NONE");
	}

	/** The seats of the entry's offer, read from its hold as its owner sees it. */
	private List<String> offeredSeats(String token, Scene scene) {
		String holdId = mine(token).get(0).get("holdId").asString();
		JsonNode hold = this.client.get()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		List<String> seats = new ArrayList<>();
		hold.get("seatIds").forEach((seat) -> seats.add(seat.asString()));
		return seats;
	}

	private void cancel(String token, String bookingId) {
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
	}

}
