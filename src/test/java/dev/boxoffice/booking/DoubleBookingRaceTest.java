package dev.boxoffice.booking;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients racing for the same seats, counting winners. */
class DoubleBookingRaceTest extends ApiTest {

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Test
	void twoHundredClientsRaceForTheSameSeatsAndExactlyOneBooksThem() {
		Scene scene = this.data.scene();
		List<String> racers = this.data.userTokens(200);
		List<String> booked = new CopyOnWriteArrayList<>();
		Map<Integer, Long> holdStatuses = Flux.fromIterable(racers)
			.flatMap((token) -> post(token, "/api/v1/shows/" + scene.showId() + "/holds",
					Map.of("seatIds", List.of("B-5", "B-6")))
				.flatMap((hold) -> (hold.status() != 201) ? Mono.just(hold.status())
						: post(token, "/api/v1/bookings",
								Map.of("holdId", hold.body().get("holdId").asString(), "payment",
										Map.of("token", "tok_ok")))
							.doOnNext((booking) -> booked.add(booking.status() + ""))
							.thenReturn(201)),
					200)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
			.block();
		assertThat(holdStatuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 199L));
		assertThat(booked).containsExactly("201");
		assertThat(this.data.count("select count(*) from booking_seats where active")).isEqualTo(2);
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody()
			.jsonPath("$.seats[?(@.id == 'B-5')].status")
			.isEqualTo("BOOKED")
			.jsonPath("$.seats[?(@.id == 'B-6')].status")
			.isEqualTo("BOOKED")
			.jsonPath("$.counts.booked")
			.isEqualTo(2)
			.jsonPath("$.counts.held")
			.isEqualTo(0);
	}

	@Test
	void whenRedisForgetsItsHoldsTheDatabaseStillSellsEachSeatOnce() {
		Scene scene = this.data.scene();
		List<String> racers = this.data.userTokens(20);
		// Each racer gets a hold on the same seats: the seat keys are deleted after every
		// hold, as if they had expired or Redis had lost them, while the hold records
		// stay.
		List<String[]> holds = racers.stream().map((token) -> {
			JsonNode hold = post(token, "/api/v1/shows/" + scene.showId() + "/holds",
					Map.of("seatIds", List.of("A-4", "A-5")))
				.block()
				.body();
			this.redis.delete("hold:{" + scene.showId() + "}:A-4", "hold:{" + scene.showId() + "}:A-5").block();
			return new String[] { token, hold.get("holdId").asString() };
		}).toList();
		Map<Integer, Long> statuses = Flux.fromIterable(holds)
			.flatMap((hold) -> post(hold[0], "/api/v1/bookings",
					Map.of("holdId", hold[1], "payment", Map.of("token", "tok_ok"))), 20)
			.collect(Collectors.groupingBy(Reply::status, Collectors.counting()))
			.block(Duration.ofSeconds(60));
		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 19L));
		assertThat(this.data.count("select count(*) from bookings")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'CHARGED'")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'REFUNDED'")).isEqualTo(19);
	}

	@Test
	void oneHoldConfirmedTwentyTimesAtOnceIsOneBookingOnOneCharge() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String holdId = this.data.hold(token, scene.showId(), "C-1", "C-2");
		// Twenty confirmations of the same hold, each with its own key (a client that
		// lost track of its first attempt): one booking, and the charge they share stays.
		List<Reply> replies = Flux.range(0, 20)
			.flatMap((i) -> post(token, "/api/v1/bookings",
					Map.of("holdId", holdId, "payment", Map.of("token", "tok_ok"))), 20)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(replies).extracting(Reply::status).containsOnly(201);
		assertThat(replies).extracting((reply) -> reply.body().get("bookingId").asString())
			.containsOnly(replies.get(0).body().get("bookingId").asString());
		assertThat(this.data.count("select count(*) from bookings")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'CHARGED'")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from refunds")).isZero();
		assertThat(this.data.count("select count(*) from payments where state = 'BOOKED'")).isEqualTo(1);
	}

	private Mono<Reply> post(String token, String path, Object body) {
		return http().post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(JsonNode.class)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.map((json) -> new Reply(response.statusCode().value(), json.orElse(null))));
	}

	record Reply(int status, JsonNode body) {
	}

}
