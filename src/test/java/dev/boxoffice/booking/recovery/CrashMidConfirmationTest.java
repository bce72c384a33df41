package dev.boxoffice.booking.recovery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.BackingServices;
import dev.boxoffice.support.TestData.Scene;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed between the charge and the booking, as an operator rehearsed it: the
 * {@code bookings} table is locked so the confirmation stops right after the charge, the
 * instance is stopped and its database connections cut (what {@code kill -9} does to
 * them), the lock is released. The charge, which the instance records only in the
 * booking's transaction, must still end as the booking or a refund, whether the client
 * retries with its {@code Idempotency-Key} or never comes back. The other points: killed
 * while the provider has not answered (nothing charged, nothing booked), killed inside
 * the booking's transaction on its last step (the charge is found at the provider and
 * becomes the booking), and killed after a declined card was replaced by a good one.
 *
 * <p>
 * Holds live 3 s; the reconciler looks every 300 ms at charges whose hold ended 3 s ago;
 * a dead request's key is claimable again after 1 s.
 */
@TestPropertySource(properties = { "boxoffice.holds.ttl=PT3S", "boxoffice.holds.sweep-interval=100ms",
		"boxoffice.payment.reconcile-interval=300ms", "boxoffice.payment.reconcile-grace=PT3S",
		"boxoffice.idempotency.lease=PT1S" })
class CrashMidConfirmationTest extends ApiTest {

	/** How the doomed instance names its database sessions, so they can be cut. */
	private static final String DOOMED = "boxoffice-doomed";

	@Autowired
	private ConnectionFactory connections;

	private ConfigurableApplicationContext doomed;

	@AfterEach
	void stopTheDoomedInstance() {
		if (this.doomed != null && this.doomed.isActive()) {
			this.doomed.close();
		}
	}

	@Test
	void aChargeCutOffFromItsBookingBecomesTheBookingWhenNobodyRetries() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();

		String holdId = crashWhileBooking(token, scene, "key-" + UUID.randomUUID(), "C-3", "C-4");

		// Nobody retries: the reconciler finds the charge once the hold has ended.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(bookingsOf(holdId)).isEqualTo(1));
		assertLedgerBalances();
		assertThat(paymentState(holdId)).isEqualTo("BOOKED");
		assertThat(chargesOf(holdId)).isEqualTo(1);
		assertThat(seatStatuses(scene, "C-3", "C-4")).containsOnly("BOOKED");
	}

	@Test
	void aRetryWithTheSameKeyResumesThePaymentAndChargesOnce() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String key = "key-" + UUID.randomUUID();

		String holdId = crashWhileBooking(token, scene, key, "B-1");

		// The dead request's claim on the key runs out (1 s): the retry takes it over.
		ResponseEntity<JsonNode> retry = await().atMost(Duration.ofSeconds(20))
			.until(() -> confirm(token, holdId, key), (answer) -> answer.getStatusCode().value() != 409);
		assertThat(retry.getStatusCode().value()).isEqualTo(201);
		String bookingId = retry.getBody().get("bookingId").asString();
		assertThat(bookingsOf(holdId)).isEqualTo(1);
		assertThat(chargesOf(holdId)).isEqualTo(1);
		// Asked again, with the same key, the answer is the same single booking.
		ResponseEntity<JsonNode> again = confirm(token, holdId, key);
		assertThat(again.getBody().get("bookingId").asString()).isEqualTo(bookingId);
		assertLedgerBalances();
		assertThat(seatStatuses(scene, "B-1")).containsOnly("BOOKED");
	}

	@Test
	void aChargeWhoseSeatsWereSoldMeanwhileIsRefunded() {
		Scene scene = this.data.scene();
		String alice = this.data.userToken();
		String bob = this.data.userToken();

		String aliceHold = crashWhileBooking(alice, scene, "key-" + UUID.randomUUID(), "A-7");

		// Alice's hold runs out before anyone settles her charge; Bob buys the seat.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(seatStatuses(scene, "A-7")).containsOnly("AVAILABLE"));
		this.data.book(bob, scene.showId(), "A-7");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(paymentState(aliceHold)).isEqualTo("REFUNDED"));
		assertThat(bookingsOf(aliceHold)).isZero();
		assertThat(this.data.count("select count(*) from refunds where reason = 'UNBOOKABLE' and state = 'DONE'"))
			.isEqualTo(1);
		assertLedgerBalances();
	}

	@Test
	void aConfirmationKilledBeforeTheProviderChargedIsAbandonedAndChargesNothing() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.doomed = doomedInstance(Duration.ofMinutes(1));
		String holdId = this.data.hold(token, scene.showId(), "B-5");
		startConfirming(token, holdId, "key-" + UUID.randomUUID());

		// The payment is recorded, the provider has not answered yet: the instance dies.
		await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING".equals(paymentState(holdId)));
		kill();

		await().atMost(Duration.ofSeconds(30)).until(() -> "ABANDONED".equals(paymentState(holdId)));
		assertThat(chargesOf(holdId)).isZero();
		assertThat(bookingsOf(holdId)).isZero();
		assertThat(seatStatuses(scene, "B-5")).containsOnly("AVAILABLE");
		assertLedgerBalances();
	}

	@Test
	void aChargeTheInstanceDiedBeforeRecordingIsFoundAtTheProviderAndBooked() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.doomed = doomedInstance(Duration.ofSeconds(2));
		String holdId = this.data.hold(token, scene.showId(), "B-6", "B-7");
		startConfirming(token, holdId, "key-" + UUID.randomUUID());
		await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING".equals(paymentState(holdId)));

		// The provider charges while the payments table is locked: the booking's
		// transaction cannot record the charge, and the instance dies with only the
		// provider knowing of it.
		killWhileLocked("payments", () -> {
		}, () -> chargesOf(holdId) == 1);
		assertThat(paymentState(holdId)).as("what the dead instance recorded").isEqualTo("PENDING");

		assertBookedOnOneCharge(scene, holdId, "B-6", "B-7");
	}

	@Test
	void aDeclinedCardReplacedByAGoodOneAndCutOffBecomesTheBooking() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.doomed = doomedInstance(Duration.ZERO);
		String holdId = this.data.hold(token, scene.showId(), "A-2");
		assertThat(payWithADeclinedCard(http(this.doomed), token, holdId)).isEqualTo(402);

		// The second card is charged; the booking's transaction, which would record it,
		// waits on the locked bookings table when the instance dies.
		killWhileLocked("bookings", () -> startConfirming(token, holdId, "key-" + UUID.randomUUID()),
				() -> chargesOf(holdId) == 1 && doomedWaitsOnALock());
		assertThat(paymentState(holdId)).as("what the dead instance recorded").isEqualTo("DECLINED");

		assertBookedOnOneCharge(scene, holdId, "A-2");
	}

	@Test
	void aDeclinedCardNobodyReplacedIsAbandonedOnceItsHoldEnds() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String holdId = this.data.hold(token, scene.showId(), "A-5");
		assertThat(payWithADeclinedCard(http(), token, holdId)).isEqualTo(402);

		await().atMost(Duration.ofSeconds(30)).until(() -> "ABANDONED".equals(paymentState(holdId)));
		assertThat(chargesOf(holdId)).isZero();
		assertThat(bookingsOf(holdId)).isZero();
	}

	/**
	 * Locks {@code table}, runs {@code start}, and kills the doomed instance once
	 * {@code stopped} holds; then lets the table go.
	 */
	private void killWhileLocked(String table, Runnable start, Callable<Boolean> stopped) {
		Connection locker = Mono.from(this.connections.create()).block();
		try {
			Mono.from(locker.beginTransaction()).block();
			Mono.from(locker.createStatement("lock table " + table + " in access exclusive mode").execute()).block();
			start.run();
			await().atMost(Duration.ofSeconds(10)).until(stopped);
			kill();
		}
		finally {
			Mono.from(locker.rollbackTransaction()).onErrorResume((failure) -> Mono.empty()).block();
			Mono.from(locker.close()).block();
		}
	}

	private static int payWithADeclinedCard(WebClient instance, String token, String holdId) {
		return instance.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", "tok_declined")))
			.exchangeToMono((response) -> response.toBodilessEntity())
			.map((answer) -> answer.getStatusCode().value())
			.block(Duration.ofSeconds(10));
	}

	/** Settled by the reconciler: the hold's booking, on the one charge it took. */
	private void assertBookedOnOneCharge(Scene scene, String holdId, String... seatIds) {
		await().atMost(Duration.ofSeconds(30)).until(() -> "BOOKED".equals(paymentState(holdId)));
		assertThat(bookingsOf(holdId)).isEqualTo(1);
		assertThat(chargesOf(holdId)).isEqualTo(1);
		assertThat(seatStatuses(scene, seatIds)).containsOnly("BOOKED");
		assertLedgerBalances();
	}

	/** The doomed instance's confirmation is stopped at a locked table. */
	private boolean doomedWaitsOnALock() {
		return this.data.count("select count(*) from pg_stat_activity where application_name = '" + DOOMED
				+ "' and wait_event_type = 'Lock'") > 0;
	}

	private void startConfirming(String token, String holdId, String key) {
		http(this.doomed).post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", key)
			.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", "tok_ok")))
			.retrieve()
			.toBodilessEntity()
			.onErrorResume((cutOff) -> Mono.empty())
			.subscribe();
	}

	/** Stops the doomed instance and drops its connections, as {@code kill -9} would. */
	private void kill() {
		this.doomed.close();
		// A killed process's connections drop; PostgreSQL rolls back what they began.
		this.data.db()
			.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :name")
			.bind("name", DOOMED)
			.then()
			.block();
	}

	/**
	 * Holds the seats and starts their confirmation on a second instance, lets it charge,
	 * then kills that instance while the booking's insert waits on a locked table;
	 * returns the hold id.
	 */
	private String crashWhileBooking(String token, Scene scene, String key, String... seatIds) {
		this.doomed = doomedInstance(Duration.ZERO);
		String holdId = this.data.hold(token, scene.showId(), seatIds);
		killWhileLocked("bookings", () -> startConfirming(token, holdId, key),
				() -> chargesOf(holdId) == 1 && doomedWaitsOnALock());
		assertThat(bookingsOf(holdId)).as("bookings of the crashed confirmation").isZero();
		return holdId;
	}

	/**
	 * An instance that dies mid-flight; its payment provider answers after
	 * {@code paymentLatency}.
	 */
	private static ConfigurableApplicationContext doomedInstance(Duration paymentLatency) {
		Map<String, String> overrides = new HashMap<>();
		overrides.put("boxoffice.payment.latency", paymentLatency.toMillis() + "ms");
		overrides.put("spring.r2dbc.url",
				BackingServices.properties("boxoffice_test").get("spring.r2dbc.url") + "?applicationName=" + DOOMED);
		overrides.put("server.shutdown", "immediate");
		overrides.put("boxoffice.holds.ttl", "PT3S");
		// The doomed instance must not settle anything itself.
		overrides.put("boxoffice.payment.reconcile-interval", "PT1H");
		return secondInstance(overrides);
	}

	private ResponseEntity<JsonNode> confirm(String token, String holdId, String key) {
		return http().post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", key)
			.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", "tok_ok")))
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block(Duration.ofSeconds(10));
	}

	/**
	 * Every charge the provider kept is a confirmed booking; every one it gave back was
	 * owed.
	 */
	private void assertLedgerBalances() {
		assertThat(this.data.count("""
				select count(*) from simulated_payments p
				where p.status = 'CHARGED'
				  and not exists (select 1 from bookings b where b.charge_id = p.id and b.status = 'CONFIRMED')
				""")).as("charges without a confirmed booking").isZero();
		assertThat(this.data.count("""
				select count(*) from simulated_payments p
				where p.status = 'REFUNDED' and not exists (select 1 from refunds r where r.charge_id = p.id)
				""")).as("refunds nobody owed").isZero();
	}

	private long bookingsOf(String holdId) {
		return this.data
			.count("select count(*) from bookings where status = 'CONFIRMED' and hold_id = '" + holdId + "'");
	}

	private long chargesOf(String holdId) {
		return this.data.count("select count(*) from simulated_payments where reference = '" + holdId + "'");
	}

	private String paymentState(String holdId) {
		return this.data.db()
			.sql("select state from payments where hold_id = :hold")
			.bind("hold", UUID.fromString(holdId))
			.map((row) -> row.get(0, String.class))
			.one()
			.defaultIfEmpty("NONE")
			.block();
	}

	private List<String> seatStatuses(Scene scene, String... seatIds) {
		JsonNode seats = this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("seats");
		List<String> wanted = List.of(seatIds);
		List<String> statuses = new java.util.ArrayList<>();
		for (JsonNode seat : seats) {
			if (wanted.contains(seat.get("id").asString())) {
				statuses.add(seat.get("status").asString());
			}
		}
		return statuses;
	}

}
