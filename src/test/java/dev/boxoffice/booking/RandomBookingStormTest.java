package dev.boxoffice.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static dev.boxoffice.support.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 clients at once make 1,000 random multi-seat holds on a 100-seat show, confirming
 * most, releasing some and cancelling a few bookings. Afterwards PostgreSQL, the seat map
 * and what the clients were told must all agree.
 */
class RandomBookingStormTest extends ApiTest {

	private static final int CLIENTS = 50;

	private static final int ATTEMPTS = 1_000;

	@Test
	void aThousandRandomHoldsAndBookingsNeverSellASeatTwice() {
		String theater = this.data.theater("Storm", "Oslo");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (char row = 'A'; row <= 'J'; row++) {
			rows.add(row(String.valueOf(row), 10, "STANDARD"));
		}
		String hall = this.data.hall(theater, "Storm", rows).get("hallId").asString();
		String movie = this.data.movie("Storm", 90, "Drama");
		String showId = this.data.show(movie, hall, Instant.now().plus(1, ChronoUnit.DAYS), Map.of("STANDARD", 1000))
			.get("showId")
			.asString();
		List<String> tokens = this.data.userTokens(CLIENTS);
		Set<String> confirmed = ConcurrentHashMap.newKeySet();
		Set<String> cancelled = ConcurrentHashMap.newKeySet();
		AtomicInteger unexpected = new AtomicInteger();
		Flux.range(0, ATTEMPTS).flatMap((attempt) -> {
			String token = tokens.get(attempt % CLIENTS);
			return post(token, "/api/v1/shows/" + showId + "/holds", Map.of("seatIds", randomSeats()))
				.flatMap((hold) -> afterHold(token, hold, confirmed, cancelled, unexpected));
		}, CLIENTS).blockLast(Duration.ofMinutes(3));

		assertThat(unexpected).hasValue(0);
		assertThat(this.data.count("""
				select count(*) from (select show_id, seat_id from booking_seats where active
				                      group by show_id, seat_id having count(*) > 1) doubles
				""")).as("seats in two active bookings").isZero();
		Set<String> standing = new java.util.HashSet<>(confirmed);
		standing.removeAll(cancelled);
		List<String> stored = this.data.db()
			.sql("select id::text from bookings where status = 'CONFIRMED'")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(stored).as("every confirmed booking stored, and none other")
			.containsExactlyInAnyOrderElementsOf(standing);
		long bookedSeats = this.data.count("select count(*) from booking_seats where active");
		this.client.get()
			.uri("/api/v1/shows/" + showId + "/seats")
			.exchange()
			.expectBody()
			.jsonPath("$.counts.booked")
			.isEqualTo((int) bookedSeats)
			.jsonPath("$.counts.held")
			.isEqualTo(0)
			.jsonPath("$.counts.available")
			.isEqualTo(100 - (int) bookedSeats);
		assertThat(confirmed).hasSizeGreaterThan(10);
	}

	private Mono<Void> afterHold(String token, Reply hold, Set<String> confirmed, Set<String> cancelled,
			AtomicInteger unexpected) {
		if (hold.status() == 409) {
			return Mono.empty();
		}
		if (hold.status() != 201) {
			unexpected.incrementAndGet();
			return Mono.empty();
		}
		String holdId = hold.body().get("holdId").asString();
		int dice = ThreadLocalRandom.current().nextInt(10);
		if (dice < 2) {
			return http().delete()
				.uri("/api/v1/holds/" + holdId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchangeToMono((response) -> response.releaseBody().doOnSuccess((done) -> {
					if (response.statusCode().value() != 204) {
						unexpected.incrementAndGet();
					}
				}));
		}
		return post(token, "/api/v1/bookings", Map.of("holdId", holdId, "payment", Map.of("token", "tok_ok")))
			.flatMap((booking) -> {
				if (booking.status() != 201) {
					unexpected.incrementAndGet();
					return Mono.empty();
				}
				String bookingId = booking.body().get("bookingId").asString();
				confirmed.add(bookingId);
				if (dice != 9) {
					return Mono.empty();
				}
				return post(token, "/api/v1/bookings/" + bookingId + "/cancel", Map.of()).doOnNext((cancel) -> {
					if (cancel.status() == 200) {
						cancelled.add(bookingId);
					}
					else {
						unexpected.incrementAndGet();
					}
				}).then();
			});
	}

	private static List<String> randomSeats() {
		List<String> all = new ArrayList<>();
		char row = (char) ('A' + ThreadLocalRandom.current().nextInt(10));
		int start = 1 + ThreadLocalRandom.current().nextInt(9);
		int count = 1 + ThreadLocalRandom.current().nextInt(4);
		for (int number = start; number < start + count && number <= 10; number++) {
			all.add(row + "-" + number);
		}
		if (ThreadLocalRandom.current().nextBoolean()) {
			all.add((char) ('A' + ThreadLocalRandom.current().nextInt(10)) + "-"
					+ (1 + ThreadLocalRandom.current().nextInt(10)));
		}
		return new ArrayList<>(new java.util.LinkedHashSet<>(all));
	}

	private Mono<Reply> post(String token, String path, Object body) {
		return http().post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(JsonNode.class)
				.map((json) -> new Reply(response.statusCode().value(), json))
				.defaultIfEmpty(new Reply(response.statusCode().value(), null)));
	}

	record Reply(int status, JsonNode body) {
	}

}
