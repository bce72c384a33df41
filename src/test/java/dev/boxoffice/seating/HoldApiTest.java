package dev.boxoffice.seating;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

class HoldApiTest extends ApiTest {

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
	void heldSeatsAreHeldForTheHoldTtlAndPricedByCategory() {
		Instant before = Instant.now();
		JsonNode hold = hold(this.alice, Map.of("seatIds", List.of("A-1", "C-2"))).expectStatus()
			.isCreated()
			.expectHeader()
			.exists(HttpHeaders.LOCATION)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(hold.get("holdId").asString()).isNotBlank();
		assertThat(hold.get("showId").asString()).isEqualTo(this.scene.showId());
		assertThat(hold.get("seatIds").values()).extracting(JsonNode::asString).containsExactly("A-1", "C-2");
		assertThat(hold.get("totalPrice").asInt()).isEqualTo(1200 + 1800);
		assertThat(hold.get("currency").asString()).isEqualTo("EUR");
		assertThat(Instant.parse(hold.get("expiresAt").asString())).isBetween(before.plus(Duration.ofMinutes(10)),
				Instant.now().plus(Duration.ofMinutes(10)));
		seatMap().jsonPath("$.seats[?(@.id == 'A-1')].status")
			.isEqualTo("HELD")
			.jsonPath("$.seats[?(@.id == 'A-2')].status")
			.isEqualTo("AVAILABLE")
			.jsonPath("$.counts.held")
			.isEqualTo(2)
			.jsonPath("$.counts.available")
			.isEqualTo(28);
	}

	@Test
	void aHoldIsAllOrNothing() {
		hold(this.alice, Map.of("seatIds", List.of("B-5"))).expectStatus().isCreated();
		hold(this.bob, Map.of("seatIds", List.of("B-4", "B-5", "B-6"))).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("SEATS_UNAVAILABLE")
			.jsonPath("$.unavailableSeatIds")
			.isEqualTo(List.of("B-5"))
			.jsonPath("$.suggestions.length()")
			.isEqualTo(3)
			.jsonPath("$.suggestions[0].length()")
			.isEqualTo(3);
		seatMap().jsonPath("$.counts.held")
			.isEqualTo(1)
			.jsonPath("$.seats[?(@.id == 'B-4')].status")
			.isEqualTo("AVAILABLE");
	}

	@Test
	void suggestionsAreFreeSeatsOfTheSameCategory() {
		hold(this.alice, Map.of("seatIds", List.of("C-3"))).expectStatus().isCreated();
		JsonNode problem = hold(this.bob, Map.of("seatIds", List.of("C-3", "C-4"))).expectStatus()
			.isEqualTo(409)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		for (JsonNode suggestion : problem.get("suggestions")) {
			assertThat(suggestion.values()).extracting(JsonNode::asString)
				.allMatch((seat) -> seat.startsWith("C-"))
				.doesNotContain("C-3");
			// The suggestion is really free: holding it works.
		}
		List<String> first = problem.get("suggestions").get(0).values().stream().map(JsonNode::asString).toList();
		hold(this.bob, Map.of("seatIds", first)).expectStatus().isCreated();
	}

	@Test
	void theBestAvailableSeatsAreHeldByCount() {
		JsonNode hold = hold(this.alice, Map.of("count", 2, "category", "STANDARD")).expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		// Rows A-B are STANDARD; the best of them (60% back) is B, middle of 10 seats.
		assertThat(hold.get("seatIds").values()).extracting(JsonNode::asString).containsExactly("B-5", "B-6");
		assertThat(hold.get("totalPrice").asInt()).isEqualTo(2400);
	}

	@Test
	void bestAvailableSaysSoWhenNothingFits() {
		hold(this.alice, Map.of("count", 6, "category", "PREMIUM")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("SEATS_UNAVAILABLE")
			.jsonPath("$.suggestions.length()")
			.isEqualTo(0);
	}

	@Test
	void onlyTheOwnerSeesAndReleasesAHold() {
		String holdId = holdId(this.alice, "A-1", "A-2");
		this.client.get()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.holdId")
			.isEqualTo(holdId)
			.jsonPath("$.userId")
			.doesNotExist();
		this.client.get()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.bob)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("HOLD_NOT_FOUND");
		this.client.delete()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.bob)
			.exchange()
			.expectStatus()
			.isNotFound();
		seatMap().jsonPath("$.counts.held").isEqualTo(2);
		this.client.delete()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isNoContent();
		seatMap().jsonPath("$.counts.held").isEqualTo(0);
		hold(this.bob, Map.of("seatIds", List.of("A-1", "A-2"))).expectStatus().isCreated();
		this.client.get()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void holdingNeedsAUser() {
		this.client.post()
			.uri("/api/v1/shows/" + this.scene.showId() + "/holds")
			.bodyValue(Map.of("seatIds", List.of("A-1")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		seatMap().jsonPath("$.counts.held").isEqualTo(0);
	}

	@Test
	void badHoldRequestsAreRefusedAndHoldNothing() {
		hold(this.alice, Map.of("seatIds", List.of())).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("VALIDATION_FAILED")
			.jsonPath("$.errors[0].field")
			.isEqualTo("seatIds");
		// Each refusal names the field to fix and says what is wrong with it.
		hold(this.alice, Map.of("seatIds", List.of("A-1", "A-1"))).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("VALIDATION_FAILED")
			.jsonPath("$.errors[0].field")
			.isEqualTo("seatIds")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must not name a seat twice");
		hold(this.alice, Map.of()).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("seatIds")
			.jsonPath("$.errors[0].message")
			.isEqualTo("give either seatIds or count");
		hold(this.alice, Map.of("seatIds", List.of("A-1"), "count", 1)).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("count")
			.jsonPath("$.errors[0].message")
			.isEqualTo("give either seatIds or count, not both");
		hold(this.alice, Map.of("count", 0)).expectStatus().isEqualTo(422);
		hold(this.alice, Map.of("seatIds", List.of("A-1", "Z-9", "A-11"))).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("UNKNOWN_SEAT")
			.jsonPath("$.unknownSeatIds")
			.isEqualTo(List.of("Z-9", "A-11"));
		hold(this.alice,
				Map.of("seatIds",
						List.of("A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7", "A-8", "A-9", "A-10", "B-1")))
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("TOO_MANY_SEATS");
		hold(this.alice, Map.of("count", 11)).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("TOO_MANY_SEATS");
		hold(this.alice, Map.of("count", 2, "category", "BALCONY")).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("UNKNOWN_CATEGORY");
		this.client.post()
			.uri("/api/v1/shows/" + this.scene.showId() + "/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue("{\"seatIds\": [\"A-1\"")
			.exchange()
			.expectStatus()
			.isBadRequest();
		seatMap().jsonPath("$.counts.held").isEqualTo(0);
	}

	@Test
	void unknownAndMalformedShowsAreTellingErrors() {
		this.client.post()
			.uri("/api/v1/shows/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.bodyValue(Map.of("seatIds", List.of("A-1")))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("SHOW_NOT_FOUND");
		this.client.post()
			.uri("/api/v1/shows/42/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.bodyValue(Map.of("seatIds", List.of("A-1")))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get()
			.uri("/api/v1/holds/nope")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.alice)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void aShowThatHasStartedTakesNoHolds() {
		this.clock.advance(Duration.ofDays(2));
		hold(this.alice, Map.of("seatIds", List.of("A-1"))).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("SHOW_CLOSED");
		this.clock.reset();
		seatMap().jsonPath("$.counts.held").isEqualTo(0);
	}

	private ResponseSpec hold(String token, Map<String, Object> body) {
		return this.client.post()
			.uri("/api/v1/shows/" + this.scene.showId() + "/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(body)
			.exchange();
	}

	private String holdId(String token, String... seats) {
		return this.data.hold(token, this.scene.showId(), seats);
	}

	private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec seatMap() {
		return this.client.get()
			.uri("/api/v1/shows/" + this.scene.showId() + "/seats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

}
