package dev.boxoffice.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document says what API.md says, in the places a client generator reads: the
 * success status of each operation, its error responses as problem documents, the types
 * of its bodies, and whether it needs a token, which is checked against the running
 * service.
 */
class OpenApiDocumentApiTest extends ApiTest {

	private static final List<String> CREATES = List.of("POST /auth/register", "POST /theaters",
			"POST /theaters/{theaterId}/halls", "POST /movies", "POST /shows", "POST /shows/{showId}/holds",
			"POST /bookings", "POST /shows/{showId}/waitlist");

	private static final List<String> DELETES = List.of("DELETE /movies/{movieId}", "DELETE /holds/{holdId}",
			"DELETE /waitlist/{entryId}");

	private static final String PROBLEM = "#/components/schemas/Problem";

	private JsonNode document;

	@BeforeEach
	void readTheDocument() {
		byte[] body = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		this.document = JsonMapper.shared().readTree(body);
	}

	@Test
	void createsAnswer201AndDeletes204() {
		for (String create : CREATES) {
			assertThat(responses(create).propertyNames()).as(create).contains("201").doesNotContain("200");
			assertThat(responses(create).path("201").path("content").has("application/json")).as(create).isTrue();
		}
		for (String delete : DELETES) {
			assertThat(responses(delete).propertyNames()).as(delete).contains("204").doesNotContain("200");
			assertThat(responses(delete).path("204").has("content")).as(delete).isFalse();
		}
	}

	@Test
	void aConfirmedBookingIsDocumentedAsTheBooking() {
		JsonNode schema = schemaOf(responses("POST /bookings").path("201").path("content").path("application/json"));
		assertThat(schema.path("properties").propertyNames()).contains("bookingId", "showId", "seatIds", "status",
				"totalPrice", "currency", "ticketCode", "createdAt");
	}

	/** An operation that declares its own refusals still documents its answer. */
	@Test
	void aReplacedMovieIsDocumentedAsTheMovie() {
		JsonNode schema = schemaOf(
				responses("PUT /movies/{movieId}").path("200").path("content").path("application/json"));
		assertThat(schema.path("properties").propertyNames()).contains("movieId", "title", "durationMinutes");
	}

	@Test
	void errorsAreProblemDocuments() {
		assertThat(responses("POST /shows/{showId}/holds").path("409").path("description").asString())
			.contains("SEATS_UNAVAILABLE");
		assertThat(responses("POST /bookings").path("402").path("description").asString()).contains("PAYMENT_DECLINED");
		assertThat(responses("POST /auth/login").path("401").path("description").asString())
			.contains("BAD_CREDENTIALS");
		forEachOperation((operation, node) -> node.path("responses").properties().forEach((status) -> {
			if (status.getKey().startsWith("4")) {
				JsonNode content = status.getValue().path("content");
				assertThat(content.propertyNames()).as(operation + " " + status.getKey())
					.containsExactly("application/problem+json");
				assertThat(content.path("application/problem+json").path("schema").path("$ref").asString())
					.as(operation + " " + status.getKey())
					.isEqualTo(PROBLEM);
			}
		}));
		JsonNode problem = this.document.path("components").path("schemas").path("Problem");
		assertThat(problem.path("required").values()).map(JsonNode::asString)
			.contains("type", "title", "status", "detail", "code");
		JsonNode fieldError = schemaOf(problem.path("properties").path("errors").path("items"));
		assertThat(fieldError.path("properties").propertyNames()).containsExactlyInAnyOrder("field", "message");
	}

	/**
	 * At least the codes API.md names for each operation, and those its access implies.
	 */
	@Test
	void operationsDocumentTheErrorsApiMdNames() {
		Map<String, List<String>> named = Map.ofEntries(Map.entry("POST /auth/register", List.of("409", "422", "429")),
				Map.entry("POST /auth/login", List.of("401", "429")),
				Map.entry("PUT /movies/{movieId}", List.of("200", "401", "403", "404", "409", "422")),
				Map.entry("DELETE /movies/{movieId}", List.of("401", "403", "404", "409")),
				Map.entry("POST /shows", List.of("401", "403", "409", "422")),
				Map.entry("POST /shows/{showId}/holds", List.of("400", "401", "404", "409", "422", "429")),
				Map.entry("POST /bookings", List.of("400", "401", "402", "404", "409", "422", "429")),
				Map.entry("POST /bookings/{bookingId}/cancel", List.of("401", "404", "409")),
				Map.entry("POST /shows/{showId}/waitlist", List.of("401", "404", "409", "422")),
				Map.entry("DELETE /waitlist/{entryId}", List.of("401", "404")),
				Map.entry("GET /bookings/{bookingId}/ticket", List.of("401", "404", "409")),
				Map.entry("POST /admin/checkins", List.of("401", "403", "404", "409")),
				Map.entry("GET /shows/{showId}/seats", List.of("404", "429")),
				Map.entry("GET /movies", List.of("400", "422", "429")));
		named.forEach((operation, statuses) -> assertThat(responses(operation).propertyNames()).as(operation)
			.containsAll(statuses));
		assertThat(responses("GET /shows/{showId}/seats").propertyNames()).doesNotContain("401", "403");
	}

	@Test
	void bodiesAreJsonUnlessTheyAreAnImageOrAStream() {
		JsonNode ticket = responses("GET /bookings/{bookingId}/ticket").path("200").path("content");
		assertThat(ticket.propertyNames()).containsExactly("image/png");
		assertThat(ticket.path("image/png").path("schema").path("format").asString()).isEqualTo("binary");
		assertThat(responses("GET /shows/{showId}/seats/stream").path("200").path("content").propertyNames())
			.containsExactly("text/event-stream");
		forEachOperation((operation, node) -> {
			assertThat(node.path("requestBody").path("content").propertyNames()).as(operation)
				.allMatch("application/json"::equals);
			node.path("responses")
				.properties()
				.forEach((status) -> assertThat(status.getValue().path("content").propertyNames())
					.as(operation + " " + status.getKey())
					.doesNotContain("*/*"));
		});
	}

	@Test
	void onlyOperationsThatNeedATokenAskForOne() {
		assertThat(this.document.has("security")).as("a requirement for every operation").isFalse();
		assertThat(operation("GET /shows/{showId}/seats").has("security")).isFalse();
		assertThat(operation("GET /shows/{showId}/seats/stream").has("security")).isFalse();
		assertThat(operation("POST /auth/login").has("security")).isFalse();
		assertThat(operation("POST /auth/register").has("security")).isFalse();
		assertThat(operation("POST /bookings").path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
		assertThat(operation("POST /movies").path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
	}

	/**
	 * Every documented operation, called without a token, answers 401 exactly when the
	 * document asks for one; called with a user's token, 403 exactly when the document
	 * says so. Nothing is changed: the ids are made up and no body is sent.
	 */
	@Test
	void theDocumentedAccessIsWhatTheServiceEnforces() {
		String userToken = this.data.userToken();
		List<String> disagreements = new ArrayList<>();
		forEachOperation((operation, node) -> {
			String[] methodAndPath = operation.split(" ", 2);
			HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
			String uri = "/api/v1" + methodAndPath[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			boolean needsToken = node.has("security");
			int anonymous = status(method, uri, null);
			if ((anonymous == 401) != needsToken) {
				disagreements
					.add(operation + ": documented security " + node.path("security") + ", anonymous got " + anonymous);
			}
			boolean adminOnly = node.path("responses").has("403");
			int asUser = status(method, uri, userToken);
			if ((asUser == 403) != adminOnly) {
				disagreements.add(operation + ": 403 documented " + adminOnly + ", a user got " + asUser);
			}
		});
		assertThat(disagreements).isEmpty();
	}

	private int status(HttpMethod method, String uri, String token) {
		return this.client.method(method).uri(uri).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).exchange().returnResult(byte[].class).getStatus().value();
	}

	private void forEachOperation(BiConsumer<String, JsonNode> action) {
		JsonNode paths = this.document.path("paths");
		assertThat(paths.propertyNames()).isNotEmpty();
		paths.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.forEach((method) -> action.accept(
						method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey().substring("/api/v1".length()),
						method.getValue())));
	}

	/** {@code "POST /bookings"}: the operation, with paths as in API.md. */
	private JsonNode operation(String operation) {
		String[] methodAndPath = operation.split(" ", 2);
		JsonNode node = this.document.path("paths")
			.path("/api/v1" + methodAndPath[1])
			.path(methodAndPath[0].toLowerCase(Locale.ROOT));
		assertThat(node.isMissingNode()).as(operation + " is documented").isFalse();
		return node;
	}

	private JsonNode responses(String operation) {
		return operation(operation).path("responses");
	}

	/** A media type's or property's schema, following its $ref. */
	private JsonNode schemaOf(JsonNode node) {
		JsonNode schema = node.has("schema") ? node.path("schema") : node;
		String ref = schema.path("$ref").asString("");
		return ref.isEmpty() ? schema
				: this.document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
	}

}
