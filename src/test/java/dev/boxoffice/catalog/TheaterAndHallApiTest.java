package dev.boxoffice.catalog;

import java.util.List;
import java.util.Map;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static dev.boxoffice.support.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;

class TheaterAndHallApiTest extends ApiTest {

	@Test
	void anAdminCreatesATheaterThatEveryoneCanList() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		this.data.theater("Rex", "Paris");
		this.client.get()
			.uri("/api/v1/theaters?city=berlin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].theaterId")
			.isEqualTo(theaterId)
			.jsonPath("$[0].name")
			.isEqualTo("Odeon")
			.jsonPath("$[0].city")
			.isEqualTo("Berlin")
			.jsonPath("$[0].address")
			.isEqualTo("1 Main St");
		this.client.get().uri("/api/v1/theaters").exchange().expectBody().jsonPath("$.length()").isEqualTo(2);
	}

	@Test
	void creatingATheaterNeedsAToken() {
		this.client.post()
			.uri("/api/v1/theaters")
			.bodyValue(Map.of("name", "Odeon", "city", "Berlin"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("UNAUTHORIZED");
	}

	@Test
	void aPlainUserMayNotCreateATheater() {
		this.client.post()
			.uri("/api/v1/theaters")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.userToken())
			.bodyValue(Map.of("name", "Odeon", "city", "Berlin"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("FORBIDDEN");
		this.client.get().uri("/api/v1/theaters").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void aTheaterNeedsANameAndACity() {
		this.client.post()
			.uri("/api/v1/theaters")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("name", " "))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'name')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'city')]")
			.exists();
	}

	@Test
	void aHallIsCreatedWithItsSeatsAndAisles() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		JsonNode hall = this.data.hall(theaterId, "Hall 1", List.of(row("A", 8, "STANDARD", 4), row("B", 6, "VIP")));
		assertThat(hall.get("capacity").asInt()).isEqualTo(14);
		assertThat(hall.get("theaterId").asString()).isEqualTo(theaterId);
		this.client.get()
			.uri("/api/v1/halls/" + hall.get("hallId").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Hall 1")
			.jsonPath("$.capacity")
			.isEqualTo(14)
			.jsonPath("$.rows[0].label")
			.isEqualTo("A")
			.jsonPath("$.rows[0].aisleAfter[0]")
			.isEqualTo(4)
			.jsonPath("$.rows[1].category")
			.isEqualTo("VIP")
			.jsonPath("$.seats.length()")
			.isEqualTo(14)
			.jsonPath("$.seats[0].id")
			.isEqualTo("A-1")
			.jsonPath("$.seats[0].row")
			.isEqualTo("A")
			.jsonPath("$.seats[0].number")
			.isEqualTo(1)
			.jsonPath("$.seats[0].category")
			.isEqualTo("STANDARD")
			.jsonPath("$.seats[13].id")
			.isEqualTo("B-6")
			.jsonPath("$.seats[0].rowIndex")
			.doesNotExist();
	}

	@Test
	void aHallInAnUnknownTheaterIsNotFound() {
		this.client.post()
			.uri("/api/v1/theaters/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11/halls")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("name", "Hall 1", "rows", List.of(row("A", 8, "STANDARD"))))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("THEATER_NOT_FOUND");
	}

	@Test
	void badHallLayoutsAreRefusedAndNothingIsStored() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		List<Object> badLayouts = List.of(List.of(), List.of(row("A", 8, "STANDARD"), row("A", 4, "STANDARD")),
				List.of(row("A", 8, "STANDARD", 8)), List.of(row("A-1", 8, "STANDARD")),
				List.of(row("A", 0, "STANDARD")), List.of(row("A", 8, "standard")));
		for (Object rows : badLayouts) {
			this.client.post()
				.uri("/api/v1/theaters/" + theaterId + "/halls")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
				.bodyValue(Map.of("name", "Hall 1", "rows", rows))
				.exchange()
				.expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("VALIDATION_FAILED")
				.jsonPath("$.errors[0].field")
				.value((field) -> assertThat(field.toString()).startsWith("rows"));
		}
		// The name is still free: none of the refused halls was stored.
		this.data.hall(theaterId, "Hall 1", List.of(row("A", 8, "STANDARD")));
	}

	@Test
	void twoHallsOfOneTheaterCannotShareAName() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		this.data.hall(theaterId, "Hall 1", List.of(row("A", 8, "STANDARD")));
		this.client.post()
			.uri("/api/v1/theaters/" + theaterId + "/halls")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("name", "Hall 1", "rows", List.of(row("A", 4, "STANDARD"))))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("HALL_NAME_TAKEN");
	}

	@Test
	void unknownAndMalformedHallIdsAreTellingErrors() {
		this.client.get()
			.uri("/api/v1/halls/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("HALL_NOT_FOUND");
		this.client.get()
			.uri("/api/v1/halls/not-a-uuid")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MALFORMED_PARAMETER")
			.jsonPath("$.errors[0].field")
			.isEqualTo("hallId");
	}

}
