package dev.boxoffice.booking;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.boxoffice.support.ShortHoldsApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults around a booking: payments slower than the hold and a Redis that loses
 * everything. Here holds live 1 s and every payment takes 1.5 s.
 */
class BookingFaultsTest extends ShortHoldsApiTest {

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Test
	void aPaymentSlowerThanTheHoldCannotSellTheSeatsTwice() {
		Scene scene = this.data.scene();
		String alice = this.data.userToken();
		String bob = this.data.userToken();
		String aliceHold = hold(alice, scene);
		// Alice's payment takes 1.5 s; her hold expires after 1 s, and Bob takes the
		// seats.
		Mono<Integer> aliceBooks = confirm(alice, aliceHold).cache();
		aliceBooks.subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> holdStatus(alice, aliceHold) == 404);
		String bobHold = hold(bob, scene);
		int bobStatus = confirm(bob, bobHold).block(Duration.ofSeconds(10));
		int aliceStatus = aliceBooks.block(Duration.ofSeconds(10));

		assertThat(List.of(aliceStatus, bobStatus)).containsExactlyInAnyOrder(201, 409);
		assertExactlyOneBookingAndOneRefund(scene);
	}

	@Test
	void redisLosingEverythingMidFlowCannotSellTheSeatsTwice() {
		Scene scene = this.data.scene();
		String alice = this.data.userToken();
		String bob = this.data.userToken();
		String aliceHold = hold(alice, scene);
		AtomicBoolean aliceAnswered = new AtomicBoolean();
		Mono<Integer> aliceBooks = confirm(alice, aliceHold).doOnTerminate(() -> aliceAnswered.set(true)).cache();
		aliceBooks.subscribe();
		// Her payment takes 1.5 s: a moment in, she is still paying.
		await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> !aliceAnswered.get());
		// A Redis restart without persistence: every hold and the booked-seat copy are
		// gone.
		this.redis.execute((connection) -> connection.serverCommands().flushDb()).blockLast();
		String bobHold = hold(bob, scene);
		int bobStatus = confirm(bob, bobHold).block(Duration.ofSeconds(10));
		int aliceStatus = aliceBooks.block(Duration.ofSeconds(10));

		assertThat(List.of(aliceStatus, bobStatus)).containsExactlyInAnyOrder(201, 409);
		assertExactlyOneBookingAndOneRefund(scene);
	}

	private void assertExactlyOneBookingAndOneRefund(Scene scene) {
		assertThat(this.data.count("select count(*) from bookings where status = 'CONFIRMED'")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from booking_seats where active")).isEqualTo(2);
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'CHARGED'")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'REFUNDED'")).isEqualTo(1);
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody()
			.jsonPath("$.seats[?(@.id == 'B-5')].status")
			.isEqualTo("BOOKED")
			.jsonPath("$.seats[?(@.id == 'B-6')].status")
			.isEqualTo("BOOKED")
			.jsonPath("$.counts.booked")
			.isEqualTo(2);
	}

	private int holdStatus(String token, String holdId) {
		return this.client.get()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private String hold(String token, Scene scene) {
		return this.data.hold(token, scene.showId(), "B-5", "B-6");
	}

	private Mono<Integer> confirm(String token, String holdId) {
		return http().post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", "tok_ok")))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

}
