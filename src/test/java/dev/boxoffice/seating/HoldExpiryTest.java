package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.Topics;
import tools.jackson.databind.json.JsonMapper;
import java.util.UUID;
import dev.boxoffice.support.ShortHoldsApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.web.server.Shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HoldExpiryTest extends ShortHoldsApiTest {

	@Autowired
	private SeatEvents events;

	@Autowired
	private EventTransport transport;

	@Autowired
	private JsonMapper json;

	@Autowired
	private CatalogLookup catalog;

	@Autowired
	private SeatHolds holds;

	@Autowired
	private HallLayouts layouts;

	@Autowired
	private SeatMaps seatMaps;

	@Autowired
	private HoldSettings settings;

	@Autowired
	private Clock clock;

	@Autowired
	private SeatingMetrics metrics;

	/** The show's events on the seat-events topic, as any consumer sees them. */
	private Flux<JsonNode> seatEvents(Scene scene) {
		return this.transport.receive("test-" + UUID.randomUUID(), List.of(Topics.SEAT_EVENTS), false)
			.map((event) -> this.json.readTree(event.payload()))
			.filter((event) -> event.get("showId").asString().equals(scene.showId()));
	}

	private static String reason(JsonNode event) {
		return event.has("reason") ? event.get("reason").asString() : null;
	}

	@Test
	void anExpiredHoldFreesItsSeatsAndIsAnnouncedExactlyOnceWhileTwoInstancesSweep() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		List<JsonNode> releases = new CopyOnWriteArrayList<>();
		Disposable listening = seatEvents(scene).filter((event) -> "expired".equals(reason(event)))
			.subscribe(releases::add);
		// A second instance's sweeper, on the same Redis, racing this instance's own.
		HoldService otherInstance = new HoldService(this.catalog, this.layouts, this.seatMaps, this.holds, this.events,
				this.settings, this.clock, this.metrics, new DetachedChanges(Shutdown.GRACEFUL));
		List<Throwable> sweeperFailures = new CopyOnWriteArrayList<>();
		// A tick that comes while a sweep runs is dropped, or the interval would fail and
		// stop the racing sweeper at the first sweep longer than a tick.
		Disposable otherSweeper = Flux.interval(Duration.ofMillis(37))
			.onBackpressureDrop()
			.concatMap((tick) -> otherInstance.sweepExpired(100), 1)
			.subscribe(null, sweeperFailures::add);
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
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> releases.size() == 1);
			assertThat(sweeperFailures).as("the racing sweeper raced to the end").isEmpty();
			assertThat(releases.get(0).get("type").asString()).isEqualTo("SeatsReleased");
			assertThat(releases.get(0).get("seatIds").values()).extracting(JsonNode::asString)
				.containsExactly("A-1", "A-2", "A-3");
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
		finally {
			otherSweeper.dispose();
			listening.dispose();
		}
	}

	@Test
	void aHoldIsAnnouncedWhenPlacedAndAgainWhenItExpires() {
		Scene scene = this.data.scene();
		List<JsonNode> changes = new CopyOnWriteArrayList<>();
		Disposable listening = seatEvents(scene).subscribe(changes::add);
		try {
			this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.userToken())
				.bodyValue(Map.of("seatIds", List.of("B-1")))
				.exchange()
				.expectStatus()
				.isCreated();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(changes).anyMatch((change) -> "expired".equals(reason(change))));
			assertThat(changes).extracting((change) -> change.get("type").asString())
				.containsExactly("SeatsHeld", "SeatsReleased");
		}
		finally {
			listening.dispose();
		}
	}

}
