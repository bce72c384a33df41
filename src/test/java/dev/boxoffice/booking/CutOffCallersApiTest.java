package dev.boxoffice.booking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import dev.boxoffice.security.Caller;
import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import dev.boxoffice.waitlist.WaitlistService;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that goes away while it cancels a booking or leaves a waiting list (a phone
 * losing its signal, a proxy timing out) must not leave Redis disagreeing with
 * PostgreSQL: cut off after its commit, a cancellation's seats stayed booked in Redis
 * (unsold, and out of the waiting list's reach), and an entry that left with an offer
 * kept its seats held for nobody until the offer ran out. Each test cuts callers off at
 * random points of the change and then needs the live seat map to say what PostgreSQL
 * says.
 */
class CutOffCallersApiTest extends ApiTest {

	/**
	 * Longer than a cancellation or a leave takes here, so cuts fall all along.
	 */
	private static final long LONGEST_CUT_NANOS = Duration.ofMillis(30).toNanos();

	@Autowired
	private BookingService bookings;

	@Autowired
	private WaitlistService waitlist;

	@Test
	void cancellationsCutOffAnywhereLeaveTheSeatMapAsPostgresqlSaysIt() {
		Scene scene = this.data.scene();
		List<String> booked = new ArrayList<>();
		for (String row : List.of("A", "B", "C")) {
			for (int n = 1; n <= 10; n++) {
				booked.add(this.data.book(this.data.userToken(), scene.showId(), row + "-" + n));
			}
		}
		Caller admin = new Caller(UUID.randomUUID(), true);
		for (String bookingId : booked) {
			Disposable cancelling = this.bookings.cancel(admin, UUID.fromString(bookingId)).subscribe();
			LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(LONGEST_CUT_NANOS));
			cancelling.dispose();
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.data.seatStatuses(scene.showId())).isEqualTo(asPostgresqlSays(scene)));
	}

	@Test
	void waitingListEntriesLeftWithTheirOffersCutOffAnywhereKeepNoSeats() {
		Scene scene = this.data.scene();
		List<String> rowBookings = new ArrayList<>();
		String owner = this.data.userToken();
		for (String row : List.of("A", "B", "C")) {
			rowBookings.add(this.data.book(owner, scene.showId(),
					IntStream.rangeClosed(1, 10).mapToObj((n) -> row + "-" + n).toArray(String[]::new)));
		}
		List<String> waiters = this.data.userTokens(10);
		List<UUID> entries = new ArrayList<>();
		for (String waiter : waiters) {
			entries.add(UUID.fromString(this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/waitlist")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + waiter)
				.bodyValue(Map.of("count", 1))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody()
				.get("entryId")
				.asString()));
		}
		this.client.post()
			.uri("/api/v1/bookings/" + rowBookings.get(0) + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + owner)
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.data.count("select count(*) from waitlist_entries where status = 'OFFERED'") == 10);
		List<UUID> users = waiters.stream().map(this::userId).toList();
		for (int i = 0; i < waiters.size(); i++) {
			Disposable leaving = this.waitlist.leave(users.get(i), entries.get(i)).subscribe();
			LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(LONGEST_CUT_NANOS));
			leaving.dispose();
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Map<String, String> expected = asPostgresqlSays(scene);
			// Nobody waits any more: a seat is held only by an offer whose leaving was
			// cut
			// off before it began, for the entry still there.
			this.data.db()
				.sql("select unnest(offered_seats) as seat from waitlist_entries"
						+ " where show_id = :show and status = 'OFFERED'")
				.bind("show", UUID.fromString(scene.showId()))
				.map((row) -> row.get("seat", String.class))
				.all()
				.collectList()
				.block()
				.forEach((seat) -> expected.put(seat, "HELD"));
			assertThat(this.data.seatStatuses(scene.showId())).isEqualTo(expected);
		});
	}

	/**
	 * Every seat of the show: BOOKED when an active booking has it, else AVAILABLE. Rows
	 * are collected, not streamed: a stream hands each row to this thread under a lock
	 * the driver's event loop would wait for, which BlockHound rightly refuses.
	 */
	private Map<String, String> asPostgresqlSays(Scene scene) {
		Map<String, String> statuses = new HashMap<>();
		for (String row : List.of("A", "B", "C")) {
			for (int n = 1; n <= 10; n++) {
				statuses.put(row + "-" + n, "AVAILABLE");
			}
		}
		this.data.db()
			.sql("select seat_id from booking_seats where show_id = :show and active")
			.bind("show", UUID.fromString(scene.showId()))
			.map((row) -> row.get("seat_id", String.class))
			.all()
			.collectList()
			.block()
			.forEach((seat) -> statuses.put(seat, "BOOKED"));
		return statuses;
	}

	private UUID userId(String token) {
		return UUID.fromString(this.client.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("userId")
			.asString());
	}

}
