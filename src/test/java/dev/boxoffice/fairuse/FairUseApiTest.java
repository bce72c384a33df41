package dev.boxoffice.fairuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonReactiveClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md's Fair use, proven with parallel clients on two instances sharing one Redis:
 * each limit lets exactly its permits through, whichever instance the requests reach, and
 * the refused ones get 429 with Retry-After and change nothing. The windows here are long
 * (permits per several seconds) so a slow machine cannot refill them mid-test.
 */
class FairUseApiTest extends ApiTest {

	/** The limits of both instances: small, and slow to refill. */
	private static final Map<String, String> LIMITS = Map.of("boxoffice.rate.limits-enabled", "true",
			"boxoffice.rate.public-per-second", "1", "boxoffice.rate.public-burst", "6",
			"boxoffice.rate.user-per-second", "1", "boxoffice.rate.user-burst", "4", "boxoffice.rate.auth-per-minute",
			"8", "boxoffice.rate.login-failures", "3", "boxoffice.rate.login-window", "PT1M",
			"boxoffice.holds.max-held-seats-per-user", "4", "boxoffice.live.max-streams-per-client", "3");

	private static ConfigurableApplicationContext other;

	@Autowired
	private RedissonReactiveClient redisson;

	@Autowired
	private RateLimits rateLimits;

	@DynamicPropertySource
	static void limits(DynamicPropertyRegistry registry) {
		LIMITS.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void startTheOtherInstance() {
		other = secondInstance(LIMITS);
	}

	@AfterAll
	static void stopTheOtherInstance() {
		other.close();
	}

	/** Alternates requests between this instance and the other. */
	private List<WebClient> instances() {
		return List.of(http(), http(other));
	}

	@Test
	void publicReadsAreLimitedPerClientAddressAcrossInstances() {
		Scene scene = this.data.scene();
		List<ResponseEntity<JsonNode>> answers = race(20,
				(client, i) -> client.get().uri("/api/v1/shows/" + scene.showId() + "/seats"));
		assertThat(statuses(answers, 200)).isEqualTo(6);
		assertThat(statuses(answers, 429)).isEqualTo(14);
		ResponseEntity<JsonNode> refused = firstWith(answers, 429);
		assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("RATE_LIMITED");
		// A client that waits as long as it was told is served.
		LockSupport.parkNanos(
				Duration.ofSeconds(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).toNanos());
		HttpStatusCode later = http().get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchangeToMono((answer) -> answer.releaseBody().thenReturn(answer.statusCode()))
			.block();
		assertThat(later.value()).isEqualTo(200);
	}

	@Test
	void aSpoofedForwardedForDoesNotMakeANewClient() {
		Scene scene = this.data.scene();
		// No trusted proxy is configured: the header is the client's own word, ignored.
		List<ResponseEntity<JsonNode>> answers = race(12, (client,
				i) -> client.get().uri("/api/v1/shows/" + scene.showId()).header("X-Forwarded-For", "203.0.113." + i));
		assertThat(statuses(answers, 200)).isEqualTo(6);
	}

	@Test
	void holdsAreLimitedPerUserAcrossInstances() {
		Scene scene = this.data.scene();
		String greedy = this.data.userToken();
		String other = this.data.userToken();
		List<ResponseEntity<JsonNode>> answers = race(12,
				(client, i) -> client.post()
					.uri("/api/v1/shows/" + scene.showId() + "/holds")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + greedy)
					.bodyValue(Map.of("seatIds", List.of(((i < 10) ? "B-" : "C-") + (i % 10 + 1)))));
		assertThat(statuses(answers, 201)).isEqualTo(4);
		assertThat(statuses(answers, 429)).isEqualTo(8);
		// Another user is not slowed down by the first one's limit.
		this.data.hold(other, scene.showId(), "A-1");
		assertThat(heldSeats(scene)).isEqualTo(5);
	}

	@Test
	void oneUserHoldsAtMostTheCapOfAShowEvenInParallelOnTwoInstances() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		// Four holds of two seats at once (within the user's rate), against a cap of four
		// seats: the hold script counts them atomically, so exactly two win.
		List<ResponseEntity<JsonNode>> answers = race(4,
				(client, i) -> client.post()
					.uri("/api/v1/shows/" + scene.showId() + "/holds")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.bodyValue(Map.of("seatIds", List.of("C-" + (2 * i + 1), "C-" + (2 * i + 2)))));
		assertThat(statuses(answers, 201)).isEqualTo(2);
		assertThat(answers.stream()
			.filter((answer) -> answer.getStatusCode().value() == 409)
			.map((answer) -> answer.getBody().get("code").asString()))
			.containsExactly("HOLD_LIMIT_REACHED", "HOLD_LIMIT_REACHED");
		assertThat(heldSeats(scene)).isEqualTo(4);
	}

	@Test
	void registrationAndLoginAreLimitedPerClientAddress() {
		List<ResponseEntity<JsonNode>> answers = race(12,
				(client, i) -> client.post()
					.uri("/api/v1/auth/login")
					.bodyValue(Map.of("email", "nobody-" + i + "@example.com", "password", "not-a-password")));
		assertThat(statuses(answers, 401)).isEqualTo(8);
		assertThat(statuses(answers, 429)).isEqualTo(4);
	}

	@Test
	void anAccountIsLockedAfterItsFailedLoginsEvenForTheRightPassword() {
		String email = "locked-" + UUID.randomUUID() + "@example.com";
		this.data.register(email, "the-right-password", "Locked");
		// Parallel guesses on both instances: at most the allowance is ever checked.
		List<ResponseEntity<JsonNode>> guesses = race(4,
				(client, i) -> client.post()
					.uri("/api/v1/auth/login")
					.bodyValue(Map.of("email", email, "password", "wrong-guess-" + i)));
		assertThat(statuses(guesses, 401)).isEqualTo(3);
		assertThat(firstWith(guesses, 429).getBody().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
		ResponseEntity<JsonNode> right = http(other).post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", email, "password", "the-right-password"))
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block();
		assertThat(right.getStatusCode().value()).isEqualTo(429);
		assertThat(right.getBody().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
		assertThat(right.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
	}

	@Test
	void aClientAddressHasAtMostItsCapOfOpenSeatStreams() {
		Scene scene = this.data.scene();
		List<Disposable> open = new ArrayList<>();
		AtomicInteger refused = new AtomicInteger();
		try {
			for (int i = 0; i < 5; i++) {
				stream(instances().get(i % 2), scene, open, refused);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> open.size() + refused.get() == 5);
			assertThat(open).hasSize(3);
			assertThat(refused.get()).isEqualTo(2);
			// One closes: once the service has seen it go, its slot is free for the next.
			open.remove(0).dispose();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.redisson.getPermitExpirableSemaphore("boxoffice:streams:127.0.0.1")
					.availablePermits()
					.block() == 1);
			stream(http(), scene, open, refused);
			await().atMost(Duration.ofSeconds(10)).until(() -> open.size() == 3);
			assertThat(refused.get()).isEqualTo(2);
		}
		finally {
			open.forEach(Disposable::dispose);
		}
	}

	@Test
	void requestsArrivingTogetherShareRedisCallsAndStillGetExactlyTheBurst() {
		// 200 requests of one client at once, half on each instance: most of them go to
		// Redis together, asking for many permits in one call; the burst of 40 is shared
		// out exactly, none lost, none extra.
		FairUseSettings.Limit limit = new FairUseSettings.Limit(FairUseSettings.Limit.Kind.PUBLIC, 40,
				Duration.ofMinutes(1));
		List<RateLimits> instances = List.of(this.rateLimits, other.getBean(RateLimits.class));
		String client = "busy-" + UUID.randomUUID();
		long admitted = Flux.range(0, 200)
			.flatMap((i) -> instances.get(i % 2).tryAcquire(limit, client), 200)
			.filter(Boolean::booleanValue)
			.count()
			.block(Duration.ofSeconds(30));
		assertThat(admitted).isEqualTo(40);
	}

	/** Opens a seat stream; adds it to {@code open}, or counts it {@code refused}. */
	private static void stream(WebClient client, Scene scene, List<Disposable> open, AtomicInteger refused) {
		Disposable.Swap subscription = Disposables.swap();
		subscription.update(client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchangeToFlux((response) -> {
				if (response.statusCode().value() == 429) {
					refused.incrementAndGet();
					return Flux.empty();
				}
				synchronized (open) {
					open.add(subscription);
				}
				return response.bodyToFlux(String.class);
			})
			.subscribe());
	}

	private int heldSeats(Scene scene) {
		return this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("counts")
			.get("held")
			.asInt();
	}

	/**
	 * {@code count} requests at once, alternating between the two instances; returns
	 * every answer.
	 */
	private List<ResponseEntity<JsonNode>> race(int count, Request request) {
		List<WebClient> clients = instances();
		return Flux.range(0, count)
			.flatMap((i) -> request.of(clients.get(i % 2), i)
				.exchangeToMono((response) -> response.toEntity(JsonNode.class)), count)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	private static long statuses(List<ResponseEntity<JsonNode>> answers, int status) {
		return answers.stream()
			.map(ResponseEntity::getStatusCode)
			.map(HttpStatusCode::value)
			.filter((s) -> s == status)
			.count();
	}

	private static ResponseEntity<JsonNode> firstWith(List<ResponseEntity<JsonNode>> answers, int status) {
		return answers.stream().filter((answer) -> answer.getStatusCode().value() == status).findFirst().orElseThrow();
	}

	@FunctionalInterface
	private interface Request {

		WebClient.RequestHeadersSpec<?> of(WebClient client, int index);

	}

}
