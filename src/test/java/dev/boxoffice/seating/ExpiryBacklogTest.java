package dev.boxoffice.seating;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog of expiries larger than one sweep can handle within Redis's command timeout
 * (after an outage of the sweep, or a sale where thousands of holds run out together)
 * still drains, and a real hold's expiry behind it is still announced. Here the command
 * timeout is short, so a sweep that kept its read open while releasing would fail on
 * every round, and stall every other command of the instance's one Redis connection
 * meanwhile (Lettuce stops reading while a reactive reply waits for demand).
 */
@TestPropertySource(properties = { "spring.data.redis.timeout=500ms", "boxoffice.holds.sweep-interval=100ms",
		"boxoffice.holds.ttl=PT1S" })
class ExpiryBacklogTest extends ApiTest {

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Test
	void aBacklogOfThousandsOfExpiriesDrains() {
		Scene scene = this.data.scene();
		long past = System.currentTimeMillis() - 60_000;
		// Expiries of holds whose keys are long gone: releasing them changes nothing, but
		// each costs the round trips of a release.
		Flux.range(0, 3_000)
			.flatMap((i) -> this.redis.opsForZSet()
				.add("hold-expiries",
						scene.showId() + "|" + UUID.randomUUID() + "|" + UUID.randomUUID() + "|" + past + "|A-"
								+ (i % 10 + 1),
						past + i),
					64)
			.blockLast();
		String token = this.data.userToken();
		this.data.hold(token, scene.showId(), "B-3");

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.redis.opsForZSet().size("hold-expiries").block()).isZero());
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody()
			.jsonPath("$.seats[?(@.id == 'B-3')].status")
			.isEqualTo("AVAILABLE");
	}

}
