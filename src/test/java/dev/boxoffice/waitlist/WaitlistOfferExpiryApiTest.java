package dev.boxoffice.waitlist;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offers that run out in two seconds, swept every 100 ms: the list moves on by itself.
 */
@TestPropertySource(properties = { "boxoffice.waitlist.offer-ttl=PT2S", "boxoffice.holds.sweep-interval=100ms" })
class WaitlistOfferExpiryApiTest extends ApiTest {

	@Test
	void anOfferThatRunsOutExpiresItsEntryAndGoesToTheNext() {
		Scene scene = this.data.scene();
		String owner = this.data.userToken();
		String[] row = new String[10];
		for (int i = 0; i < 10; i++) {
			row[i] = "A-" + (i + 1);
		}
		String bookingA = this.data.book(owner, scene.showId(), row);
		this.data.book(owner, scene.showId(), "B-1", "B-2", "B-3", "B-4", "B-5", "B-6", "B-7", "B-8", "B-9", "B-10");
		this.data.book(owner, scene.showId(), "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8", "C-9", "C-10");
		String slow = this.data.userToken();
		String next = this.data.userToken();
		join(slow, scene, 10);
		join(next, scene, 10);
		this.client.post()
			.uri("/api/v1/bookings/" + bookingA + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + owner)
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(10)).until(() -> "OFFERED".equals(status(slow)));
		await().atMost(Duration.ofSeconds(15)).until(() -> "EXPIRED".equals(status(slow)));
		await().atMost(Duration.ofSeconds(10)).until(() -> "OFFERED".equals(status(next)));
	}

	private void join(String token, Scene scene, int count) {
		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("count", count))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private String status(String token) {
		List<JsonNode> entries = this.client.get()
			.uri("/api/v1/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBodyList(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return entries.isEmpty() ? "NONE" : entries.get(0).get("status").asString();
	}

}
