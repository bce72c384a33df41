package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.support.ShortHoldsApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HoldExpiryTest extends ShortHoldsApiTest {

	@Autowired
	private LocalSeatEvents events;

	@Autowired
	private CatalogLookup catalog;

	@Autowired
	private SeatHolds holds;

	@Autowired
	private HoldSettings settings;

	@Autowired
	private Clock clock;

	@Test
	void anExpiredHoldFreesItsSeatsAndIsAnnouncedExactlyOnceWhileTwoInstancesSweep() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		List<SeatChange> releases = new CopyOnWriteArrayList<>();
		Disposable listening = this.events.changes()
			.filter((change) -> change.showId().toString().equals(scene.showId()) && "expired".equals(change.reason()))
			.subscribe(releases::add);
		// A second instance's sweeper, on the same Redis, racing this instance's own.
		HoldService otherInstance = new HoldService(this.catalog, this.holds, this.events, this.settings, this.clock);
		Disposable otherSweeper = Flux.interval(Duration.ofMillis(37))
			.concatMap((tick) -> otherInstance.sweepExpired(100))
			.subscribe();
		try {
			JsonNode hold = this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.bodyValue(Map.of("seatIds", List.of("A-1", "A-2", "A-3")))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(releases).isNotEmpty());
			// Both sweepers keep running for a while: no second announcement may follow.
			Thread.sleep(1000);
			assertThat(releases).hasSize(1);
			assertThat(releases.get(0).seatIds()).containsExactly("A-1", "A-2", "A-3");
			assertThat(releases.get(0).status()).isEqualTo(SeatStatus.AVAILABLE);
			this.client.get()
				.uri("/api/v1/shows/" + scene.showId() + "/seats")
				.exchange()
				.expectBody()
				.jsonPath("$.counts.held")
				.isEqualTo(0)
				.jsonPath("$.counts.available")
				.isEqualTo(30);
			this.client.get()
				.uri("/api/v1/holds/" + hold.get("holdId").asString())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isNotFound();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		finally {
			otherSweeper.dispose();
			listening.dispose();
		}
	}

	@Test
	void aHoldIsAnnouncedWhenPlacedAndAgainWhenItExpires() {
		Scene scene = this.data.scene();
		List<SeatChange> changes = new CopyOnWriteArrayList<>();
		Disposable listening = this.events.changes()
			.filter((change) -> change.showId().toString().equals(scene.showId()))
			.subscribe(changes::add);
		try {
			this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.userToken())
				.bodyValue(Map.of("seatIds", List.of("B-1")))
				.exchange()
				.expectStatus()
				.isCreated();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(changes).anyMatch((change) -> "expired".equals(change.reason())));
			assertThat(changes).extracting(SeatChange::reason).containsExactly("held", "expired");
		}
		finally {
			listening.dispose();
		}
	}

}
