package dev.boxoffice;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.DocumentedMetrics;
import dev.boxoffice.support.DocumentedMetrics.Metric;
import dev.boxoffice.support.PrometheusScrape;
import dev.boxoffice.support.TestData;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees on {@code /actuator/prometheus} while people use the service:
 * every metric docs/OPERATIONS.md lists (its table is read here, so the document and the
 * service cannot drift apart), with every tag value it documents, and each one moving
 * when what it measures happens. The fair-use limits are on, generous except for logins
 * and seat streams, so those two refusals can be provoked.
 */
@TestPropertySource(properties = { "boxoffice.rate.limits-enabled=true", "boxoffice.rate.public-per-second=1000",
		"boxoffice.rate.public-burst=1000", "boxoffice.rate.user-per-second=1000", "boxoffice.rate.user-burst=1000",
		"boxoffice.rate.auth-per-minute=1000", "boxoffice.rate.login-failures=2",
		"boxoffice.live.max-streams-per-client=1", "boxoffice.holds.max-held-seats-per-user=4" })
class DomainMetricsApiTest extends ApiTest {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private static final Duration GAUGE_REFRESH = Duration.ofSeconds(15);

	@LocalManagementPort
	private int managementPort;

	@Test
	void everyDocumentedMetricIsExportedWithItsTagsAndMovesWithWhatItMeasures() throws InterruptedException {
		List<Metric> documented = DocumentedMetrics.read();
		assertThat(documented).as("metrics documented in docs/OPERATIONS.md").hasSizeGreaterThan(10);
		PrometheusScrape before = scrape();
		for (Metric metric : documented) {
			assertThat(before.has(metric.series())).as("%s is exported", metric.name()).isTrue();
			metric.tags().forEach((tag, values) -> {
				assertThat(before.labelValues(metric.series(), tag)).as("%s has the tag %s", metric.name(), tag)
					.isNotEmpty();
				assertThat(before.labelValues(metric.series(), tag)).as("%s{%s}", metric.name(), tag)
					.containsAll(values);
			});
		}

		Scene scene = this.data.scene();
		BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
		Disposable stream = http().get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENTS)
			.filter((event) -> event.event() != null)
			.subscribe(events::add);
		try {
			assertThat(events.poll(10, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
			assertThat(scrape().value("boxoffice_seat_streams_open")).isEqualTo(1);
			// The cap is one stream per address: a second one is refused.
			this.client.get()
				.uri("/api/v1/shows/" + scene.showId() + "/seats/stream")
				.accept(MediaType.TEXT_EVENT_STREAM)
				.exchange()
				.expectStatus()
				.isEqualTo(429);

			String ada = this.data.userToken();
			String bob = this.data.userToken();
			String adasHold = this.data.hold(ada, scene.showId(), "A-1", "A-2");
			expectHold(bob, scene, List.of("A-2"), 409);
			expectHold(bob, scene,
					List.of("A-3", "A-4", "A-5", "A-6", "A-7", "A-8", "A-9", "A-10", "B-1", "B-2", "B-3"), 422);
			expectHold(bob, scene, List.of("Z-99"), 422);
			String bobsHold = this.data.hold(bob, scene.showId(), "B-1", "B-2", "B-3", "B-4");
			expectHold(bob, scene, List.of("B-5"), 409);

			String booking = confirm(ada, adasHold, "tok_ok", 201).get("bookingId").asString();
			confirm(bob, bobsHold, "tok_declined", 402);
			confirm(bob, bobsHold, "tok_forged", 422);
			confirm(bob, UUID.randomUUID().toString(), "tok_ok", 409);
			this.client.delete()
				.uri("/api/v1/holds/" + bobsHold)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + bob)
				.exchange()
				.expectStatus()
				.isNoContent();
			cancel(ada, booking);
			await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(this::freesA1));

			for (int attempt = 1; attempt <= 3; attempt++) {
				this.client.post()
					.uri("/api/v1/auth/login")
					.bodyValue(Map.of("email", "mallory@example.com", "password", "guess-" + attempt))
					.exchange()
					.expectStatus()
					.isEqualTo((attempt <= 2) ? 401 : 429);
			}

			waitingListOfASoldOutShow(scene);

			this.clock.advance(Duration.ofDays(2));
			expectHold(bob, scene, List.of("C-1"), 422);

			PrometheusScrape after = scrape();
			assertThat(after.increase(before, "boxoffice_holds_placed_total")).isEqualTo(3);
			for (String reason : List.of("seats_unavailable", "hold_limit_reached", "too_many_seats", "unknown_seat",
					"show_closed")) {
				assertThat(after.increase(before, "boxoffice_holds_refused_total", "reason", reason)).as(reason)
					.isPositive();
			}
			assertThat(after.increase(before, "boxoffice_seats_held_total")).as("seats held, the offer included")
				.isEqualTo(2 + 4 + 2 + 1);
			assertThat(after.increase(before, "boxoffice_seats_booked_total")).isEqualTo(2 + 2 + 1);
			assertThat(after.increase(before, "boxoffice_seats_released_total", "reason", "released"))
				.as("a hold let go, and a seat no waiting entry could use")
				.isEqualTo(4 + 1);
			assertThat(after.increase(before, "boxoffice_seats_released_total", "reason", "cancelled")).isEqualTo(2);
			assertThat(after.increase(before, "boxoffice_seats_released_total", "reason", "offered")).isEqualTo(2);
			assertThat(after.increase(before, "boxoffice_booking_confirm_seconds_count", "outcome", "confirmed"))
				.isEqualTo(3);
			assertThat(after.increase(before, "boxoffice_booking_confirm_seconds_count", "outcome", "declined"))
				.isEqualTo(2);
			assertThat(after.increase(before, "boxoffice_booking_confirm_seconds_count", "outcome", "conflict"))
				.isEqualTo(1);
			assertThat(after.increase(before, "boxoffice_booking_confirm_seconds_bucket", "le", "+Inf")).isEqualTo(6);
			assertThat(after.increase(before, "boxoffice_payments_total", "outcome", "approved")).isEqualTo(3);
			assertThat(after.increase(before, "boxoffice_payments_total", "outcome", "declined")).isEqualTo(1);
			assertThat(after.increase(before, "boxoffice_payments_total", "outcome", "invalid")).isEqualTo(1);
			assertThat(after.increase(before, "boxoffice_live_events_sent_total")).as("the snapshot and changes")
				.isGreaterThanOrEqualTo(2);
			assertThat(after.increase(before, "boxoffice_rate_limited_total", "limit", "streams")).isEqualTo(1);
			assertThat(after.increase(before, "boxoffice_rate_limited_total", "limit", "login_lockout")).isEqualTo(1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(scrape().increase(before, "boxoffice_refunds_total", "outcome", "succeeded"))
							.as("the cancellations refunded")
							.isEqualTo(2));
			await().atMost(GAUGE_REFRESH)
				.untilAsserted(() -> assertThat(scrape().value("boxoffice_outbox_backlog"))
					.as("every booking event reached Kafka")
					.isZero());
		}
		finally {
			stream.dispose();
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(scrape().value("boxoffice_seat_streams_open")).isZero());
	}

	/**
	 * A two-seat show sold out to one user, another waiting for a seat, the booking
	 * cancelled: one seat is offered (and booked), the other goes back on sale.
	 */
	private void waitingListOfASoldOutShow(Scene scene) {
		JsonNode hall = this.data.hall(scene.theaterId(), "Tiny", List.of(TestData.row("A", 2, "STANDARD")));
		Instant startsAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		String showId = this.data
			.show(scene.movieId(), hall.get("hallId").asString(), startsAt, Map.of("STANDARD", 900))
			.get("showId")
			.asString();
		String owner = this.data.userToken();
		String booking = this.data.book(owner, showId, "A-1", "A-2");
		String waiter = this.data.userToken();
		PrometheusScrape beforeJoining = scrape();
		this.client.post()
			.uri("/api/v1/shows/" + showId + "/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + waiter)
			.bodyValue(Map.of("count", 1))
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(GAUGE_REFRESH)
			.untilAsserted(() -> assertThat(scrape().value("boxoffice_waitlist_waiting"))
				.isEqualTo(beforeJoining.value("boxoffice_waitlist_waiting") + 1));
		cancel(owner, booking);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					scrape().increase(beforeJoining, "boxoffice_waitlist_offers_total", "outcome", "offered"))
				.isEqualTo(1));
		String offer = this.client.get()
			.uri("/api/v1/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + waiter)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get(0)
			.get("holdId")
			.asString();
		confirm(waiter, offer, "tok_ok", 201);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					scrape().increase(beforeJoining, "boxoffice_waitlist_offers_total", "outcome", "booked"))
				.isEqualTo(1));
		await().atMost(GAUGE_REFRESH)
			.untilAsserted(() -> assertThat(scrape().value("boxoffice_waitlist_waiting"))
				.isEqualTo(beforeJoining.value("boxoffice_waitlist_waiting")));
	}

	private boolean freesA1(ServerSentEvent<String> event) {
		return "seats".equals(event.event()) && event.data().contains("{\"seatId\":\"A-1\",\"status\":\"AVAILABLE\"}");
	}

	private void expectHold(String token, Scene scene, List<String> seats, int status) {
		this.client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("seatIds", seats))
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	private JsonNode confirm(String token, String holdId, String paymentToken, int status) {
		return this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("holdId", holdId, "payment", Map.of("token", paymentToken)))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private void cancel(String token, String bookingId) {
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** What Prometheus would scrape from this instance's management port now. */
	private PrometheusScrape scrape() {
		return PrometheusScrape.from(this.managementPort);
	}

}
