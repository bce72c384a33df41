package dev.boxoffice.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.support.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;

class MovieApiTest extends ApiTest {

	@Test
	void moviesAreFoundByTitleAndGenreAPageAtATime() {
		this.data.movie("Alien", 117, "Sci-Fi", "Horror");
		this.data.movie("Aliens", 137, "Sci-Fi", "Action");
		this.data.movie("Amelie", 122, "Comedy");
		this.client.get()
			.uri("/api/v1/movies?q=alien&size=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.page")
			.isEqualTo(0)
			.jsonPath("$.size")
			.isEqualTo(1)
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].title")
			.isEqualTo("Alien");
		this.client.get()
			.uri("/api/v1/movies?q=alien&size=1&page=1")
			.exchange()
			.expectBody()
			.jsonPath("$.items[0].title")
			.isEqualTo("Aliens");
		this.client.get()
			.uri("/api/v1/movies?genre=sci-fi&q=s")
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.items[0].title")
			.isEqualTo("Aliens");
		this.client.get().uri("/api/v1/movies").exchange().expectBody().jsonPath("$.total").isEqualTo(3);
	}

	@Test
	void searchTextIsNotAPattern() {
		this.data.movie("Alien", 117, "Sci-Fi");
		this.client.get().uri("/api/v1/movies?q=%25").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
	}

	@Test
	void aPageHasAtMostAHundredItems() {
		this.client.get()
			.uri("/api/v1/movies?size=101")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("INVALID_PARAMETER")
			.jsonPath("$.errors[0].field")
			.isEqualTo("size");
		this.client.get().uri("/api/v1/movies?page=-1").exchange().expectStatus().isBadRequest();
		this.client.get()
			.uri("/api/v1/movies?page=first")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MALFORMED_PARAMETER");
	}

	@Test
	void aMovieIsReadReplacedAndDeleted() {
		String movieId = this.data.movie("Alien", 117, "Sci-Fi");
		this.client.get()
			.uri("/api/v1/movies/" + movieId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.movieId")
			.isEqualTo(movieId)
			.jsonPath("$.title")
			.isEqualTo("Alien")
			.jsonPath("$.durationMinutes")
			.isEqualTo(117)
			.jsonPath("$.genres[0]")
			.isEqualTo("Sci-Fi");
		this.client.put()
			.uri("/api/v1/movies/" + movieId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("title", "Alien (Director's Cut)", "durationMinutes", 116, "genres", List.of("Horror"),
					"rating", "R", "description", "In space no one can hear you scream."))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Alien (Director's Cut)")
			.jsonPath("$.rating")
			.isEqualTo("R");
		this.client.get()
			.uri("/api/v1/movies/" + movieId)
			.exchange()
			.expectBody()
			.jsonPath("$.durationMinutes")
			.isEqualTo(116);
		this.client.delete()
			.uri("/api/v1/movies/" + movieId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.get().uri("/api/v1/movies/" + movieId).exchange().expectStatus().isNotFound();
		this.client.get().uri("/api/v1/movies").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
	}

	/**
	 * A show ends when its movie does: a new length moves the end of every upcoming show,
	 * unless one would then run into the next show in its hall.
	 */
	@Test
	void aNewLengthMovesTheEndOfUpcomingShowsButNeverIntoTheNext() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		String hallId = this.data.hall(theaterId, "1", List.of(row("A", 5, "STANDARD"))).get("hallId").asString();
		String alien = this.data.movie("Alien", 100, "Sci-Fi");
		String amelie = this.data.movie("Amelie", 100, "Comedy");
		Instant starts = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		String show = this.data.show(alien, hallId, starts, Map.of("STANDARD", 1000)).get("showId").asString();
		this.data.show(amelie, hallId, starts.plus(Duration.ofHours(3)), Map.of("STANDARD", 1000));
		replace(alien, 150).expectStatus().isOk();
		assertThat(endsAt(show)).isEqualTo(starts.plus(Duration.ofMinutes(150)));
		replace(alien, 200).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("HALL_BUSY");
		this.client.get()
			.uri("/api/v1/movies/" + alien)
			.exchange()
			.expectBody()
			.jsonPath("$.durationMinutes")
			.isEqualTo(150);
		assertThat(endsAt(show)).as("unchanged by the refused edit").isEqualTo(starts.plus(Duration.ofMinutes(150)));
	}

	private Instant endsAt(String showId) {
		return Instant.parse(this.client.get()
			.uri("/api/v1/shows/" + showId)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("endsAt")
			.asString());
	}

	private WebTestClient.ResponseSpec replace(String movieId, int minutes) {
		return this.client.put()
			.uri("/api/v1/movies/" + movieId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("title", "Alien", "durationMinutes", minutes, "genres", List.of("Sci-Fi")))
			.exchange();
	}

	@Test
	void deletingAMovieTakesItsUpcomingShowsOffSale() {
		dev.boxoffice.support.TestData.Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.client.delete()
			.uri("/api/v1/movies/" + scene.movieId())
			.header("Authorization", "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.get().uri("/api/v1/shows/" + scene.showId()).exchange().expectStatus().isNotFound();
		this.client.get().uri("/api/v1/shows/" + scene.showId() + "/seats").exchange().expectStatus().isNotFound();
		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/holds")
			.header("Authorization", "Bearer " + token)
			.bodyValue(java.util.Map.of("seatIds", java.util.List.of("A-1")))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/waitlist")
			.header("Authorization", "Bearer " + token)
			.bodyValue(java.util.Map.of("count", 2))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void writesToMoviesNeedAnAdmin() {
		String movieId = this.data.movie("Alien", 117, "Sci-Fi");
		String user = this.data.userToken();
		this.client.delete()
			.uri("/api/v1/movies/" + movieId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + user)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.put()
			.uri("/api/v1/movies/" + movieId)
			.bodyValue(Map.of("title", "X", "durationMinutes", 1, "genres", List.of("Y")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/api/v1/movies/" + movieId)
			.exchange()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Alien");
	}

	@Test
	void invalidMoviesAreRefused() {
		this.client.post()
			.uri("/api/v1/movies")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("title", "", "durationMinutes", 0, "genres", List.of()))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'title')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'durationMinutes')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'genres')]")
			.exists();
		this.client.post()
			.uri("/api/v1/movies")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("title", "Alien", "durationMinutes", "long", "genres", List.of("Sci-Fi")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MALFORMED_JSON");
		this.client.get().uri("/api/v1/movies").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
	}

	@Test
	void unknownMoviesAreNotFoundForReadsAndWrites() {
		String unknown = "/api/v1/movies/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11";
		this.client.get()
			.uri(unknown)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MOVIE_NOT_FOUND");
		this.client.put()
			.uri(unknown)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("title", "X", "durationMinutes", 1, "genres", List.of("Y")))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri(unknown)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
