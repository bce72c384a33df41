package dev.boxoffice.web;

import java.time.Duration;
import java.util.Map;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md's {@code BOXOFFICE_CORS_ORIGINS}: a page of an allowed origin may call the API
 * and open a seat stream from a browser, with a preflight the browser caches; a page of
 * any other origin is refused before anything happens.
 */
@TestPropertySource(properties = "boxoffice.cors-origins=https://app.example.com, http://localhost:5173")
class CrossOriginApiTest extends ApiTest {

	private static final String ALLOWED = "https://app.example.com";

	private static final String OTHER = "https://evil.example.net";

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredAndCachedForAnHour() {
		this.client.options()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("POST"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(headers) -> assertThat(headers.toLowerCase()).contains("idempotency-key", "authorization"))
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
	}

	@Test
	void aPreflightFromAnotherOriginIsRefused() {
		this.client.options()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.ORIGIN, OTHER)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("ORIGIN_NOT_ALLOWED");
	}

	@Test
	void callsFromAnAllowedOriginAreAnsweredWithItsHeaderAndOthersChangeNothing() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId())
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED);
		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/holds")
			.header(HttpHeaders.ORIGIN, "http://localhost:5173")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("seatIds", java.util.List.of("A-1")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");

		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/holds")
			.header(HttpHeaders.ORIGIN, OTHER)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("seatIds", java.util.List.of("A-2")))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectBody()
			.jsonPath("$.seats[?(@.id == 'A-2')].status")
			.isEqualTo("AVAILABLE");
	}

	@Test
	void theSeatStreamOpensForAnAllowedOriginOnly() {
		Scene scene = this.data.scene();
		String stream = "/api/v1/shows/" + scene.showId() + "/seats/stream";
		ResponseEntity<Flux<String>> allowed = http().get()
			.uri(stream)
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.toEntityFlux(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(allowed.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(ALLOWED);
		// The snapshot arrives; then the stream is let go.
		assertThat(allowed.getBody().blockFirst(Duration.ofSeconds(10))).isNotBlank();

		this.client.get()
			.uri(stream)
			.header(HttpHeaders.ORIGIN, OTHER)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void thePagesOfThisServiceAreNotCrossOrigin() {
		// The web front at / calls the API from the service's own host: no list needed.
		this.client.method(HttpMethod.POST)
			.uri("/api/v1/auth/login")
			.header(HttpHeaders.ORIGIN, baseUrl())
			.header(HttpHeaders.HOST, baseUrl().substring("http://".length()))
			.bodyValue(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
	}

}
