package dev.boxoffice.web;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the published OpenAPI document, called with hostile values as an
 * attacker would: NUL and control characters, huge numbers, long strings, wrong types,
 * unknown enums, empty bodies, wrong content types. Each answer must be a 4xx
 * problem+json, never a 5xx, and nothing may change in the database.
 */
class HostileInputApiTest extends ApiTest {

	private static final List<String> HOSTILE_TEXT = List.of("\u0000", "a\u0000b", "line\u0007bell", "x".repeat(5000),
			"' or 1=1 --", "\uD83D", "%00");

	private static final List<Object> HOSTILE_VALUES = List.of(Long.MAX_VALUE, -1, 2147483648L, 1e308, true,
			List.of("nested", List.of()), Map.of("deep", Map.of()), "NOT_AN_ENUM", "");

	@Test
	void noOperationOfTheApiAnswersAServerErrorToHostileInput() {
		Scene scene = this.data.scene();
		String user = this.data.userToken();
		String admin = this.data.adminToken();
		Map<String, String> ids = Map.of("showId", scene.showId(), "hallId", scene.hallId(), "theaterId",
				scene.theaterId(), "movieId", scene.movieId(), "holdId", UUID.randomUUID().toString(), "bookingId",
				UUID.randomUUID().toString(), "entryId", UUID.randomUUID().toString());
		JsonNode paths = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("paths");
		long before = rowsEverywhere();
		List<String> failures = new ArrayList<>();
		int calls = 0;
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase());
				for (Attack attack : attacks(path.getKey(), operation.getValue(), ids)) {
					for (String token : new String[] { user, admin }) {
						calls++;
						String failure = call(method, attack, token);
						if (failure != null) {
							failures.add(method + " " + attack.uri() + " " + attack.describe() + ": " + failure);
						}
					}
				}
			}
		}
		assertThat(calls).as("hostile calls made").isGreaterThan(300);
		assertThat(failures).isEmpty();
		assertThat(rowsEverywhere()).as("rows in every table").isEqualTo(before);
	}

	/**
	 * Text is stored as sent or refused: half of a surrogate pair would read back as
	 * {@code ?}, and a number or a boolean where text belongs is a wrong type, not a
	 * spelling to keep.
	 */
	@Test
	void textThatCannotBeStoredAsSentIsRefused() {
		long before = rowsEverywhere();
		String admin = this.data.adminToken();
		this.client.post()
			.uri("/api/v1/movies")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.bodyValue("{\"title\":\"\\ud800x\",\"durationMinutes\":90,\"genres\":[\"Drama\"]}")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("title")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must be valid Unicode text (it has half of a surrogate pair)");
		for (String body : List.of("{\"title\":true,\"durationMinutes\":90,\"genres\":[\"Drama\"]}",
				"{\"title\":\"Alien\",\"durationMinutes\":90,\"genres\":[1e400]}")) {
			this.client.post()
				.uri("/api/v1/movies")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("MALFORMED_JSON");
		}
		// A character outside the basic plane is a whole pair, and welcome.
		this.client.post()
			.uri("/api/v1/movies")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.bodyValue(Map.of("title", "Pop \uD83C\uDF7F corn", "durationMinutes", 90, "genres", List.of("Drama")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Pop \uD83C\uDF7F corn");
		assertThat(rowsEverywhere()).as("rows in every table").isEqualTo(before + 1);
	}

	/**
	 * A parameter of the wrong type is named, with what it should be in the API's words.
	 */
	@Test
	void aMalformedParameterSaysWhatItShouldBe() {
		this.client.get()
			.uri("/api/v1/movies?page=abc")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("page")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must be a whole number");
		this.client.get()
			.uri(URI.create(baseUrl() + "/api/v1/movies/%20"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("movieId")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must be a valid UUID");
	}

	@Test
	void aNulByteInATextParameterIsRefusedNotPassedToTheDatabase() {
		for (String uri : new String[] { "/api/v1/movies?q=%00", "/api/v1/theaters?city=%00",
				"/api/v1/shows?city=a%00b" }) {
			this.client.get()
				.uri(URI.create(baseUrl() + uri))
				.exchange()
				.expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("VALIDATION_FAILED");
		}
		this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", "a\u0000@example.com", "password", "whatever-it-is"))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("email");
	}

	@Test
	void passwordsAreEightToSixtyFourCharactersOfAnyScript() {
		String threeBytes = "密".repeat(64);
		this.data.register("cjk-" + UUID.randomUUID() + "@example.com", threeBytes, "Mi");
		String email = "long-" + UUID.randomUUID() + "@example.com";
		String sixtyFour = "p".repeat(64);
		this.data.register(email, sixtyFour, "Long");
		assertThat(this.data.login(email, sixtyFour)).isNotBlank();
		for (String refused : new String[] { "p".repeat(65), "密".repeat(65), "short1", "x".repeat(100) }) {
			this.client.post()
				.uri("/api/v1/auth/register")
				.bodyValue(
						Map.of("email", UUID.randomUUID() + "@example.com", "password", refused, "displayName", "Too"))
				.exchange()
				.expectStatus()
				.isEqualTo(422);
		}
		// A login with a password bcrypt could never read is just a wrong password.
		this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", email, "password", "x".repeat(100)))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aHashStoredByTheOldSchemeStillVerifiesAndIsReplacedAtLogin() {
		String email = "legacy-" + UUID.randomUUID() + "@example.com";
		String legacy = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
			.encode("legacy-password");
		this.data.db()
			.sql("insert into users (id, email, password_hash, display_name, role) values (:id, :email, :hash, 'Old', 'USER')")
			.bind("id", UUID.randomUUID())
			.bind("email", email)
			.bind("hash", "{bcrypt}" + legacy)
			.then()
			.block();
		assertThat(this.data.login(email, "legacy-password")).isNotBlank();
		String stored = this.data.db()
			.sql("select password_hash from users where email = :email")
			.bind("email", email)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(stored).startsWith("{bcrypt-sha256}");
		assertThat(this.data.login(email, "legacy-password")).isNotBlank();
	}

	@Test
	void aPriceAboveTheMaximumIsRefusedAndTheLargestSumsWithoutOverflow() {
		String theater = this.data.theater("Big Money", "Zurich");
		JsonNode hall = this.data.hall(theater, "Gold", List.of(dev.boxoffice.support.TestData.row("A", 10, "GOLD")));
		String movie = this.data.movie("Expensive", 90, "Drama");
		Instant startsAt = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		postShow(movie, hall, startsAt, Map.of("GOLD", 2147483647)).expectStatus().isEqualTo(422);
		String show = this.data.show(movie, hall.get("hallId").asString(), startsAt, Map.of("GOLD", 10_000_000))
			.get("showId")
			.asString();
		String token = this.data.userToken();
		String booking = this.data.book(token, show, "A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7", "A-8", "A-9",
				"A-10");
		this.client.get()
			.uri("/api/v1/bookings/" + booking)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.totalPrice")
			.isEqualTo(100_000_000);
	}

	/**
	 * A whole number is a JSON integer: 1.5 seats is not one seat, "2" is not a count and
	 * 12.99 is not a price of 12. Each is refused and changes nothing.
	 */
	@Test
	void aFractionOrANumberInQuotesIsRefusedNotRounded() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		for (Object count : List.of(1.5, "2", 2.0)) {
			this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.bodyValue(Map.of("count", count))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("MALFORMED_JSON");
		}
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody()
			.jsonPath("$.counts.held")
			.isEqualTo(0);
		String theater = this.data.theater("Fractions", "Basel");
		JsonNode hall = this.data.hall(theater, "One",
				List.of(dev.boxoffice.support.TestData.row("A", 10, "STANDARD")));
		String movie = this.data.movie("Rounding", 90, "Drama");
		Instant startsAt = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		long before = rowsEverywhere();
		postShow(movie, hall, startsAt, Map.of("STANDARD", 12.99)).expectStatus().isBadRequest();
		this.client.post()
			.uri("/api/v1/theaters/" + theater + "/halls")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(
					Map.of("name", "Two", "rows", List.of(Map.of("label", "A", "seats", 10.5, "category", "STANDARD"))))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(rowsEverywhere()).as("rows in every table").isEqualTo(before);
	}

	private WebTestClient.ResponseSpec postShow(String movie, JsonNode hall, Instant startsAt, Map<String, ?> prices) {
		return this.client.post()
			.uri("/api/v1/shows")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.bodyValue(Map.of("movieId", movie, "hallId", hall.get("hallId").asString(), "startsAt",
					startsAt.toString(), "prices", prices, "currency", "EUR"))
			.exchange();
	}

	/** Every row of every table: hostile requests must change none. */
	private long rowsEverywhere() {
		List<String> tables = this.data.db()
			.sql("select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		long total = 0;
		for (String table : tables) {
			total += this.data.count("select count(*) from " + table);
		}
		return total;
	}

	/**
	 * The answer's fault, or null when it is a 4xx problem+json (or a harmless 2xx of a
	 * read that ignores an unknown parameter).
	 */
	private String call(HttpMethod method, Attack attack, String token) {
		// Sent as written: %00 must reach the service as a NUL, not be encoded again.
		WebClient.RequestBodySpec request = http().method(method)
			.uri(URI.create(baseUrl() + attack.uri()))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		if (attack.contentType() != null) {
			request.header(HttpHeaders.CONTENT_TYPE, attack.contentType());
		}
		WebClient.RequestHeadersSpec<?> ready = (attack.body() != null) ? request.bodyValue(attack.body()) : request;
		String fault = ready
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> fault(method, attack, response.statusCode().value(),
						response.headers().contentType().orElse(null), body)))
			.onErrorResume((failure) -> reactor.core.publisher.Mono.just("no answer: " + failure))
			.block();
		return (fault == null || fault.isEmpty()) ? null : fault;
	}

	/** What is wrong with one answer, or an empty string when nothing is. */
	private static String fault(HttpMethod method, Attack attack, int status, MediaType type, String body) {
		if (status >= 500) {
			return status + " " + body;
		}
		if (status >= 400) {
			return (type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) ? ""
					: status + " without problem+json";
		}
		return (method == HttpMethod.GET || attack.harmless()) ? "" : status + " accepted a hostile write";
	}

	/**
	 * Hostile variants of one operation: in each path variable, query parameter and body.
	 */
	private static List<Attack> attacks(String template, JsonNode operation, Map<String, String> ids) {
		List<Attack> attacks = new ArrayList<>();
		String valid = fill(template, ids, null, null);
		for (String variable : variables(template)) {
			for (String text : List.of("%00", "%20", "%09", "not-a-uuid", "x".repeat(300), "99999999999999999999")) {
				attacks.add(new Attack(fill(template, ids, variable, text), null, null, false, variable + "=" + text));
			}
		}
		JsonNode parameters = operation.get("parameters");
		if (parameters != null) {
			for (JsonNode parameter : parameters) {
				if (!"query".equals(parameter.get("in").asString())) {
					continue;
				}
				String name = parameter.get("name").asString();
				for (String text : List.of("%00", "%07", "-1", "99999999999999999999", "x".repeat(3000),
						"NOT_AN_ENUM")) {
					attacks.add(new Attack(valid + "?" + name + "=" + text, null, null, true, name + "=" + text));
				}
			}
		}
		if (operation.has("requestBody")) {
			attacks.add(new Attack(valid, "", MediaType.APPLICATION_JSON_VALUE, false, "empty body"));
			attacks.add(new Attack(valid, "{not json", MediaType.APPLICATION_JSON_VALUE, false, "malformed JSON"));
			attacks.add(new Attack(valid, "[]", MediaType.APPLICATION_JSON_VALUE, false, "an array"));
			attacks.add(new Attack(valid, "<a/>", MediaType.APPLICATION_XML_VALUE, false, "XML"));
			attacks.add(new Attack(valid, "x=1", MediaType.APPLICATION_FORM_URLENCODED_VALUE, false, "a form"));
			for (String field : bodyFields(operation)) {
				for (String text : HOSTILE_TEXT) {
					attacks.add(new Attack(valid, Map.of(field, text), MediaType.APPLICATION_JSON_VALUE, false,
							field + " text"));
				}
				for (Object value : HOSTILE_VALUES) {
					Map<String, Object> body = new LinkedHashMap<>();
					body.put(field, value);
					attacks.add(new Attack(valid, body, MediaType.APPLICATION_JSON_VALUE, false, field + "=" + value));
				}
			}
		}
		return attacks;
	}

	/** The names of the body's properties, from the document's schemas. */
	private static List<String> bodyFields(JsonNode operation) {
		List<String> fields = new ArrayList<>(List.of("seatIds", "count", "category", "holdId", "payment", "email",
				"password", "displayName", "name", "city", "rows", "title", "durationMinutes", "genres", "prices",
				"currency", "startsAt", "movieId", "hallId", "ticketCode"));
		return fields;
	}

	private static List<String> variables(String template) {
		List<String> names = new ArrayList<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static String fill(String template, Map<String, String> ids, String hostile, String value) {
		String uri = template;
		for (String variable : variables(template)) {
			String replacement = variable.equals(hostile) ? value
					: ids.getOrDefault(variable, UUID.randomUUID().toString());
			uri = uri.replace("{" + variable + "}", replacement);
		}
		return uri;
	}

	/**
	 * One hostile request; {@code harmless} when a 2xx is acceptable (a read that ignores
	 * a parameter it does not know).
	 */
	private record Attack(String uri, Object body, String contentType, boolean harmless, String describe) {
	}

}
