package dev.boxoffice.booking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

class BookingApiTest extends ApiTest {

	private Scene scene;

	private String alice;

	private String bob;

	@BeforeEach
	void scene() {
		this.scene = this.data.scene();
		this.alice = this.data.userToken();
		this.bob = this.data.userToken();
	}

	@Test
	void aConfirmedHoldBecomesABookingWithAnUnguessableTicket() {
		String holdId = hold(this.alice, "A-1", "C-1");
		JsonNode booking = confirm(this.alice, holdId, "tok_ok", null).expectStatus()
			.isCreated()
			.expectHeader()
			.exists(HttpHeaders.LOCATION)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(booking.get("bookingId").asString()).isNotBlank();
		assertThat(booking.get("showId").asString()).isEqualTo(this.scene.showId());
		assertThat(booking.get("seatIds").values()).extracting(JsonNode::asString).containsExactly("A-1", "C-1");
		assertThat(booking.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(booking.get("totalPrice").asInt()).isEqualTo(3000);
		assertThat(booking.get("currency").asString()).isEqualTo("EUR");
		assertThat(booking.get("ticketCode").asString()).matches("BT(-[0-9A-HJKMNP-TV-Z]{4}){8}");
		assertThat(booking.get("createdAt").asString()).isNotBlank();
		// A later read is the same booking, to the microsecond of its createdAt.
		JsonNode read = this.client.get()
			.uri("/api/v1/bookings/" + booking.get("bookingId").asString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(read).isEqualTo(booking);
		seatMap().jsonPath("$.seats[?(@.id == 'A-1')].status")
			.isEqualTo("BOOKED")
			.jsonPath("$.counts.booked")
			.isEqualTo(2)
			.jsonPath("$.counts.held")
			.isEqualTo(0)
			.jsonPath("$.counts.available")
			.isEqualTo(28);
		assertThat(
				this.data.count("select count(*) from simulated_payments where status = 'CHARGED' and amount = 3000"))
			.isEqualTo(1);
		assertThat(this.data.count("select count(*) from outbox")).isEqualTo(2);
		// The hold is spent.
		this.client.get()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void bookedSeatsCannotBeHeldAgain() {
		confirm(this.alice, hold(this.alice, "B-5"), "tok_ok", null).expectStatus().isCreated();
		holdRequest(this.bob, "B-5").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.unavailableSeatIds[0]")
			.isEqualTo("B-5");
	}

	@Test
	void aDeclinedPaymentKeepsTheHoldSoTheUserCanRetry() {
		String holdId = hold(this.alice, "A-3");
		confirm(this.alice, holdId, "tok_declined", null).expectStatus()
			.isEqualTo(402)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("PAYMENT_DECLINED");
		seatMap().jsonPath("$.counts.held").isEqualTo(1);
		confirm(this.alice, holdId, "tok_ok", null).expectStatus().isCreated();
	}

	@Test
	void anUnknownPaymentTokenIsInvalidAndChargesNothing() {
		confirm(this.alice, hold(this.alice, "A-3"), "tok_bogus", null).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("INVALID_PAYMENT");
		assertThat(this.data.count("select count(*) from simulated_payments")).isZero();
	}

	@Test
	void aReleasedHoldHasExpiredForConfirmation() {
		String holdId = hold(this.alice, "A-3");
		this.client.delete()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isNoContent();
		confirm(this.alice, holdId, "tok_ok", null).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("HOLD_EXPIRED");
		assertThat(this.data.count("select count(*) from bookings")).isZero();
	}

	@Test
	void someoneElsesHoldCannotBeConfirmed() {
		String holdId = hold(this.alice, "A-3");
		confirm(this.bob, holdId, "tok_ok", null).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("HOLD_NOT_FOUND");
		assertThat(this.data.count("select count(*) from simulated_payments")).isZero();
	}

	@Test
	void badConfirmationsAreRefused() {
		this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.header("Idempotency-Key", "has spaces")
			.bodyValue(Map.of("holdId", UUID.randomUUID().toString(), "payment", Map.of("token", "tok_ok")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("Idempotency-Key");
		this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.bodyValue(Map.of("holdId", "not-a-uuid", "payment", Map.of("token", "tok_ok")))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.bodyValue(Map.of("holdId", UUID.randomUUID().toString()))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("payment");
		this.client.post()
			.uri("/api/v1/bookings")
			.bodyValue(Map.of("holdId", UUID.randomUUID().toString(), "payment", Map.of("token", "tok_ok")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void bookingsAreListedAndReadByTheirOwnerOrAnAdminOnly() {
		String first = bookingId(this.alice, "A-1");
		String second = bookingId(this.alice, "A-2");
		bookingId(this.bob, "A-3");
		this.client.get()
			.uri("/api/v1/bookings?size=1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].bookingId")
			.isEqualTo(second);
		this.client.get()
			.uri("/api/v1/bookings/" + first)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.seatIds[0]")
			.isEqualTo("A-1");
		this.client.get()
			.uri("/api/v1/bookings/" + first)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.bob)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("BOOKING_NOT_FOUND");
		this.client.get()
			.uri("/api/v1/bookings/" + first)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/api/v1/bookings/" + first + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.bob)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/api/v1/bookings/nope")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get().uri("/api/v1/bookings").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void cancellingFreesTheSeatsAtOnceAndRefunds() {
		String bookingId = bookingId(this.alice, "B-1", "B-2");
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED")
			.jsonPath("$.bookingId")
			.isEqualTo(bookingId);
		seatMap().jsonPath("$.counts.booked").isEqualTo(0).jsonPath("$.counts.available").isEqualTo(30);
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'REFUNDED'")).isEqualTo(1);
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("ALREADY_CANCELLED");
		// The seats really are free: someone else books them.
		bookingId(this.bob, "B-1", "B-2");
	}

	@Test
	void aBookingCannotBeCancelledOnceTheShowHasStarted() {
		String bookingId = bookingId(this.alice, "B-1");
		this.clock.advance(Duration.ofDays(2));
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("CANCELLATION_CLOSED");
		this.clock.reset();
		seatMap().jsonPath("$.counts.booked").isEqualTo(1);
	}

	@Test
	void aMovieWithBookedUpcomingShowsCannotBeReplacedOrDeleted() {
		bookingId(this.alice, "B-1");
		this.client.put()
			.uri("/api/v1/movies/" + this.scene.movieId())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("title", "Longer", "durationMinutes", 300, "genres", List.of("Drama")))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MOVIE_HAS_BOOKINGS");
		this.client.delete()
			.uri("/api/v1/movies/" + this.scene.movieId())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MOVIE_HAS_BOOKINGS");
	}

	@Test
	void theSameKeyAndBodyReplayTheFirstBookingWithoutChargingTwice() {
		String holdId = hold(this.alice, "C-5");
		String first = confirm(this.alice, holdId, "tok_ok", "key-1").expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("bookingId")
			.asString();
		confirm(this.alice, holdId, "tok_ok", "key-1").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.bookingId")
			.isEqualTo(first);
		assertThat(this.data.count("select count(*) from simulated_payments")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from bookings")).isEqualTo(1);
	}

	/**
	 * A refusal replayed for its key is the same refusal, told as any problem is: with
	 * where it was asked and this request's own id, which the logs know it by.
	 */
	@Test
	void aRefusalReplayedForItsKeyCarriesThisRequestsId() {
		String holdId = hold(this.alice, "C-6");
		List<String> requestIds = new ArrayList<>();
		for (int attempt = 0; attempt < 2; attempt++) {
			JsonNode refusal = confirm(this.alice, holdId, "tok_declined", "key-declined").expectStatus()
				.isEqualTo(402)
				.expectHeader()
				.contentType("application/problem+json")
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(refusal.get("code").asString()).isEqualTo("PAYMENT_DECLINED");
			assertThat(refusal.get("instance").asString()).isEqualTo("/api/v1/bookings");
			requestIds.add(refusal.get("requestId").asString());
		}
		assertThat(requestIds.get(1)).isNotEqualTo(requestIds.get(0));
	}

	@Test
	void aKeyReusedWithAnotherBodyIsRefused() {
		String holdId = hold(this.alice, "C-5");
		confirm(this.alice, holdId, "tok_declined", "key-1").expectStatus().isEqualTo(402);
		confirm(this.alice, holdId, "tok_ok", "key-1").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("IDEMPOTENCY_KEY_REUSED");
		// A failure is replayed too, as the first outcome of that key.
		confirm(this.alice, holdId, "tok_declined", "key-1").expectStatus()
			.isEqualTo(402)
			.expectHeader()
			.contentType("application/problem+json");
		assertThat(this.data.count("select count(*) from bookings")).isZero();
		confirm(this.alice, holdId, "tok_ok", "key-2").expectStatus().isCreated();
	}

	@Test
	void keysBelongToTheirUser() {
		String aliceHold = hold(this.alice, "C-5");
		String bobHold = hold(this.bob, "C-6");
		confirm(this.alice, aliceHold, "tok_ok", "same-key").expectStatus().isCreated();
		confirm(this.bob, bobHold, "tok_ok", "same-key").expectStatus().isCreated();
	}

	@Test
	void concurrentRequestsWithOneKeyMakeOneBookingAndOneCharge() {
		String holdId = hold(this.alice, "C-7");
		List<String> bookingIds = reactor.core.publisher.Flux.range(0, 10)
			.flatMap((i) -> http().post()
				.uri("/api/v1/bookings")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
				.header("Idempotency-Key", "race-key")
				.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", "tok_ok")))
				.retrieve()
				.bodyToMono(JsonNode.class)
				.map((booking) -> booking.get("bookingId").asString()), 10)
			.collectList()
			.block();
		assertThat(bookingIds).hasSize(10).containsOnly(bookingIds.get(0));
		assertThat(this.data.count("select count(*) from simulated_payments")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from bookings")).isEqualTo(1);
	}

	@Test
	void aRetriedConfirmationWithoutAKeyFindsTheBookingItMade() {
		String holdId = hold(this.alice, "C-8");
		String first = confirm(this.alice, holdId, "tok_ok", null).expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("bookingId")
			.asString();
		confirm(this.alice, holdId, "tok_ok", null).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.bookingId")
			.isEqualTo(first);
		assertThat(this.data.count("select count(*) from simulated_payments")).isEqualTo(1);
	}

	private ResponseSpec holdRequest(String token, String... seats) {
		return this.client.post()
			.uri("/api/v1/shows/" + this.scene.showId() + "/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("seatIds", List.of(seats)))
			.exchange();
	}

	private String hold(String token, String... seats) {
		return this.data.hold(token, this.scene.showId(), seats);
	}

	private ResponseSpec confirm(String token, String holdId, String paymentToken, String key) {
		return this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.headers((headers) -> {
				if (key != null) {
					headers.set("Idempotency-Key", key);
				}
			})
			.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", paymentToken)))
			.exchange();
	}

	private String bookingId(String token, String... seats) {
		return this.data.book(token, this.scene.showId(), seats);
	}

	private BodyContentSpec seatMap() {
		return this.client.get()
			.uri("/api/v1/shows/" + this.scene.showId() + "/seats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

}
