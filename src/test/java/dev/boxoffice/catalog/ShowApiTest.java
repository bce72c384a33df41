package dev.boxoffice.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;

import static dev.boxoffice.support.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShowApiTest extends ApiTest {

	private static final Map<String, Integer> PRICES = Map.of("STANDARD", 1200);

	@Autowired
	private DatabaseClient db;

	private String hallId;

	private String movieId;

	private Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

	private void hallAndMovie() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		this.hallId = this.data.hall(theaterId, "Hall 1", List.of(row("A", 5, "STANDARD"))).get("hallId").asString();
		this.movieId = this.data.movie("Alien", 120, "Sci-Fi");
	}

	@Test
	void aShowEndsWhenItsMovieDoes() {
		hallAndMovie();
		JsonNode show = this.data.show(this.movieId, this.hallId, this.tomorrow, PRICES);
		this.client.get()
			.uri("/api/v1/shows/" + show.get("showId").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.movieId")
			.isEqualTo(this.movieId)
			.jsonPath("$.hallId")
			.isEqualTo(this.hallId)
			.jsonPath("$.theaterId")
			.isNotEmpty()
			.jsonPath("$.startsAt")
			.isEqualTo(this.tomorrow.toString())
			.jsonPath("$.endsAt")
			.isEqualTo(this.tomorrow.plus(120, ChronoUnit.MINUTES).toString())
			.jsonPath("$.prices.STANDARD")
			.isEqualTo(1200)
			.jsonPath("$.currency")
			.isEqualTo("EUR");
	}

	@Test
	void overlappingShowsInOneHallAreRefusedButBackToBackOnesAreFine() {
		hallAndMovie();
		this.data.show(this.movieId, this.hallId, this.tomorrow, PRICES);
		createShow(this.tomorrow.plus(119, ChronoUnit.MINUTES)).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("HALL_BUSY");
		createShow(this.tomorrow.minus(60, ChronoUnit.MINUTES)).expectStatus().isEqualTo(409);
		createShow(this.tomorrow.plus(120, ChronoUnit.MINUTES)).expectStatus().isCreated();
	}

	@Test
	void theDatabaseItselfRefusesOverlappingShows() {
		hallAndMovie();
		this.data.show(this.movieId, this.hallId, this.tomorrow, PRICES);
		assertThatThrownBy(() -> this.db.sql("""
				insert into shows (id, movie_id, hall_id, starts_at, ends_at, prices, currency)
				values (:id, :movie, :hall, :startsAt, :endsAt, '{}'::jsonb, 'EUR')
				""")
			.bind("id", UUID.randomUUID())
			.bind("movie", UUID.fromString(this.movieId))
			.bind("hall", UUID.fromString(this.hallId))
			.bind("startsAt", this.tomorrow.plus(30, ChronoUnit.MINUTES))
			.bind("endsAt", this.tomorrow.plus(90, ChronoUnit.MINUTES))
			.then()
			.block()).hasMessageContaining("shows_no_overlap");
	}

	@Test
	void racingAdminsGetExactlyOneOfTheOverlappingShows() {
		hallAndMovie();
		Map<Integer, Long> statuses = Flux.range(0, 20)
			.flatMap(
					(i) -> http().post()
						.uri("/api/v1/shows")
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
						.bodyValue(body(this.tomorrow.plus(i, ChronoUnit.MINUTES)))
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					20)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
			.block();
		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 19L));
		this.client.get()
			.uri("/api/v1/shows?movieId=" + this.movieId)
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1);
	}

	@Test
	void showsAreFilteredByMovieTheaterCityAndDate() {
		String berlin = this.data.theater("Odeon", "Berlin");
		String paris = this.data.theater("Rex", "Paris");
		String berlinHall = this.data.hall(berlin, "1", List.of(row("A", 5, "STANDARD"))).get("hallId").asString();
		String parisHall = this.data.hall(paris, "1", List.of(row("A", 5, "STANDARD"))).get("hallId").asString();
		String alien = this.data.movie("Alien", 120, "Sci-Fi");
		String amelie = this.data.movie("Amelie", 120, "Comedy");
		Instant dayAfter = this.tomorrow.plus(1, ChronoUnit.DAYS);
		String first = this.data.show(alien, berlinHall, this.tomorrow, PRICES).get("showId").asString();
		this.data.show(amelie, parisHall, this.tomorrow, PRICES);
		this.data.show(amelie, berlinHall, dayAfter, PRICES);
		LocalDate day = LocalDate.ofInstant(this.tomorrow, ZoneOffset.UTC);
		this.client.get().uri("/api/v1/shows").exchange().expectBody().jsonPath("$.length()").isEqualTo(3);
		this.client.get()
			.uri("/api/v1/shows?movieId=" + amelie)
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2);
		this.client.get()
			.uri("/api/v1/shows?theaterId=" + paris)
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1);
		this.client.get().uri("/api/v1/shows?city=BERLIN").exchange().expectBody().jsonPath("$.length()").isEqualTo(2);
		this.client.get()
			.uri("/api/v1/shows?city=Berlin&date=" + day)
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].showId")
			.isEqualTo(first);
		this.client.get()
			.uri("/api/v1/shows?date=tomorrow")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("date");
		this.client.get().uri("/api/v1/shows?movieId=42").exchange().expectStatus().isBadRequest();
	}

	/**
	 * Dates that parse but that no client, PostgreSQL or {@code java.time} can carry (a
	 * fuzzing client's first try) are refused as input, not failed on as a 500.
	 */
	@Test
	void datesBeyondTheYear9999AreRefusedAsInput() {
		hallAndMovie();
		for (String date : List.of("+294276-12-31", "+300000-01-01", "+999999999-12-31", "-5000-01-01")) {
			this.client.get()
				.uri((uri) -> uri.path("/api/v1/shows").queryParam("date", "{date}").build(date))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("INVALID_PARAMETER")
				.jsonPath("$.errors[0].field")
				.isEqualTo("date");
		}
		for (String startsAt : List.of("+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z",
				"9999-12-31T20:00:00Z")) {
			this.client.post()
				.uri("/api/v1/shows")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
				.bodyValue(Map.of("movieId", this.movieId, "hallId", this.hallId, "startsAt", startsAt, "prices",
						PRICES, "currency", "EUR"))
				.exchange()
				.expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("startsAt");
		}
		this.client.get().uri("/api/v1/shows").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
	}

	/** HEAD is a public read too: a cache or a link checker sends no token. */
	@Test
	void anAnonymousHeadIsAnsweredLikeTheGet() {
		var scene = this.data.scene();
		for (String path : List.of("/api/v1/shows", "/api/v1/shows/" + scene.showId(),
				"/api/v1/shows/" + scene.showId() + "/seats", "/api/v1/halls/" + scene.hallId())) {
			this.client.head()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith("application/json")
				.expectBody()
				.isEmpty();
		}
	}

	@Test
	void aShowNeedsAPriceForEverySeatCategoryOfItsHall() {
		String theaterId = this.data.theater("Odeon", "Berlin");
		String hall = this.data.hall(theaterId, "1", List.of(row("A", 5, "STANDARD"), row("B", 5, "VIP")))
			.get("hallId")
			.asString();
		String movie = this.data.movie("Alien", 120, "Sci-Fi");
		this.client.post()
			.uri("/api/v1/shows")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("movieId", movie, "hallId", hall, "startsAt", this.tomorrow.toString(), "prices",
					Map.of("STANDARD", 1000), "currency", "EUR"))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MISSING_PRICE");
	}

	@Test
	void invalidShowsAreRefused() {
		hallAndMovie();
		createShow(Instant.now().minus(1, ChronoUnit.HOURS)).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("SHOW_IN_PAST");
		this.client.post()
			.uri("/api/v1/shows")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("movieId", this.movieId, "hallId", this.hallId, "startsAt", this.tomorrow.toString(),
					"prices", Map.of("STANDARD", -5), "currency", "EURO"))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'currency')]")
			.exists()
			.jsonPath("$.errors[?(@.field =~ /prices.*/)]")
			.exists();
		this.client.post()
			.uri("/api/v1/shows")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("movieId", "5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11", "hallId", this.hallId, "startsAt",
					this.tomorrow.toString(), "prices", PRICES, "currency", "EUR"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MOVIE_NOT_FOUND");
		this.client.post()
			.uri("/api/v1/shows")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("movieId", "nope", "hallId", this.hallId))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get().uri("/api/v1/shows").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void theSeatMapShowsEverySeatWithItsPriceAndStatus() {
		var scene = this.data.scene();
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.showId")
			.isEqualTo(scene.showId())
			.jsonPath("$.hallId")
			.isEqualTo(scene.hallId())
			.jsonPath("$.seats.length()")
			.isEqualTo(30)
			.jsonPath("$.seats[0].id")
			.isEqualTo("A-1")
			.jsonPath("$.seats[0].row")
			.isEqualTo("A")
			.jsonPath("$.seats[0].number")
			.isEqualTo(1)
			.jsonPath("$.seats[0].category")
			.isEqualTo("STANDARD")
			.jsonPath("$.seats[0].price")
			.isEqualTo(1200)
			.jsonPath("$.seats[0].status")
			.isEqualTo("AVAILABLE")
			.jsonPath("$.seats[29].price")
			.isEqualTo(1800)
			.jsonPath("$.counts.available")
			.isEqualTo(30)
			.jsonPath("$.counts.held")
			.isEqualTo(0)
			.jsonPath("$.counts.booked")
			.isEqualTo(0);
		this.client.get()
			.uri("/api/v1/shows/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11/seats")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("SHOW_NOT_FOUND");
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec createShow(Instant startsAt) {
		return this.client.post()
			.uri("/api/v1/shows")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(body(startsAt))
			.exchange();
	}

	private Map<String, Object> body(Instant startsAt) {
		return Map.of("movieId", this.movieId, "hallId", this.hallId, "startsAt", startsAt.toString(), "prices", PRICES,
				"currency", "EUR");
	}

}
