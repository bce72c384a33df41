package dev.boxoffice.web;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.PrometheusScrape;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsApiTest extends ApiTest {

	@LocalManagementPort
	private int managementPort;

	/** The management port, where probes and metrics are, and only there. */
	private WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			// A scrape holds the histogram buckets of every route and status: it is
			// large.
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	@Test
	void actuatorEndpointsAnswerOnlyOnTheManagementPort() {
		for (String endpoint : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/prometheus" }) {
			this.client.get().uri(endpoint).exchange().expectStatus().isNotFound();
			management().get().uri(endpoint).exchange().expectStatus().isOk();
		}
	}

	@Test
	void livenessAndReadinessAreUpWithTheirBackingServices() {
		management().get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management().get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	/**
	 * A scraper or probe set up with a token that has since expired, or with a header for
	 * another system, still gets its answer: they carry no identity.
	 */
	@Test
	void probesAndTheScrapeIgnoreAStaleToken() {
		for (String endpoint : new String[] { "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/prometheus" }) {
			management().get()
				.uri(endpoint)
				.header("Authorization", "Bearer not.a.token")
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void prometheusMetricsAreExposed() {
		this.client.get().uri("/api/v1/movies").exchange().expectStatus().isOk();
		PrometheusScrape metrics = PrometheusScrape.from(this.managementPort);
		assertThat(metrics.has("http_server_requests_seconds_count")).isTrue();
		assertThat(metrics.has("jvm_threads_live_threads")).isTrue();
	}

	/**
	 * Spring Security adds no metrics of its own: timing every filter of its chain and
	 * every authentication costs a share of each request for nothing the request metrics
	 * do not tell.
	 */
	@Test
	void securityTimesNothingOfItsOwn() {
		this.client.get()
			.uri("/api/v1/bookings")
			.headers((headers) -> headers.setBearerAuth(this.data.userToken()))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/api/v1/bookings").exchange().expectStatus().isUnauthorized();
		assertThat(PrometheusScrape.from(this.managementPort).names()).contains("http_server_requests_seconds_count")
			.noneMatch((name) -> name.startsWith("spring_security"));
	}

	/**
	 * Request metrics are the API's: probes and scrapes, which the management port
	 * answers all day, would swell the request rate and put a draining instance's 503
	 * probes into the 5xx ratio the alert watches.
	 */
	@Test
	void requestMetricsCountTheApiAndNotTheProbes() {
		this.client.get().uri("/api/v1/theaters").exchange().expectStatus().isOk();
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/prometheus" }) {
			management().get().uri(probe).exchange().expectStatus().isOk();
		}
		assertThat(PrometheusScrape.from(this.managementPort).labelValues("http_server_requests_seconds_count", "uri"))
			.contains("/api/v1/theaters")
			.noneMatch((uri) -> uri.startsWith("/actuator"));
	}

	@Test
	void theOpenApiDocumentDescribesThePublicApi() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/shows/{showId}/seats']")
			.exists()
			.jsonPath("$.paths['/api/v1/auth/login']")
			.exists()
			.jsonPath("$.paths['/api/v1/movies']")
			.exists();
		this.client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
	}

	@Test
	void everyResponseCarriesARequestIdAndErrorsRepeatIt() {
		this.client.get()
			.uri("/api/v1/movies/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11")
			.header(RequestIdFilter.HEADER, "trace-me-42")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(RequestIdFilter.HEADER, "trace-me-42")
			.expectBody()
			.jsonPath("$.requestId")
			.isEqualTo("trace-me-42")
			.jsonPath("$.instance")
			.isEqualTo("/api/v1/movies/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11");
		this.client.get().uri("/api/v1/movies").exchange().expectHeader().exists(RequestIdFilter.HEADER);
	}

	@Test
	void anUnknownPathIsAProblemToo() {
		this.client.get()
			.uri("/api/v1/shows/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void anUnsupportedMethodIsAProblem() {
		this.client.patch()
			.uri("/api/v1/movies")
			.header("Authorization", "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.value(HttpHeaders.ALLOW, (allow) -> assertThat(allow).contains("GET", "POST"))
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("METHOD_NOT_ALLOWED");
	}

}
