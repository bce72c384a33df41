package dev.boxoffice.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.IncomingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BookingNotificationsTest extends ApiTest {

	@Autowired
	private BookingNotifications notifications;

	@Autowired
	private EventTransport transport;

	@Autowired
	private JsonMapper json;

	@Test
	void aBookingAndItsCancellationAreEachNotifiedOnce() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String bookingId = this.data.book(token, scene.showId(), "A-1");
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					this.data.count("select count(*) from notifications where booking_id = '" + bookingId + "'"))
				.isEqualTo(2));
		assertThat(this.data.count("select count(*) from notifications where kind = 'BOOKING_CONFIRMED'")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from notifications where kind = 'BOOKING_CANCELLED'")).isEqualTo(1);
	}

	@Test
	void aRedeliveredEventNotifiesOnce() {
		this.data.userTokens(1);
		String user = userId();
		String payload = event("BookingConfirmed", user);
		IncomingEvent delivery = new IncomingEvent(Topics.BOOKING_EVENTS, "k", payload, 0, 1, () -> {
		});
		this.notifications.handle(delivery).block();
		this.notifications.handle(delivery).block();
		assertThat(this.data.count("select count(*) from notifications")).isEqualTo(1);
	}

	@Test
	void anEventForAUserWhoIsGoneIsParkedOnTheDeadLetterTopicWithoutRetries() {
		List<String> parked = new CopyOnWriteArrayList<>();
		Disposable consumer = this.transport
			.receive("dlt-test-" + UUID.randomUUID(), List.of(Topics.BOOKING_EVENTS_DLT), false)
			.subscribe((event) -> parked.add(event.payload()));
		try {
			// An event for a user that does not exist can never be notified: it is parked
			// at once, not retried while the events behind it wait.
			String payload = event("BookingConfirmed", UUID.randomUUID().toString());
			String eventId = this.json.readTree(payload).get("eventId").asString();
			this.notifications.handle(new IncomingEvent(Topics.BOOKING_EVENTS, "k", payload, 0, 2, () -> {
			})).block(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(parked).anyMatch((dead) -> dead.contains(eventId)
						&& dead.contains("No user") && this.json.readTree(dead).get("attempts").asInt() == 1));
			assertThat(this.data.count("select count(*) from notifications")).isZero();
		}
		finally {
			consumer.dispose();
		}
	}

	private String userId() {
		return this.data.db()
			.sql("select id::text from users where role = 'USER' limit 1")
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
	}

	private String event(String type, String userId) {
		return this.json.writeValueAsString(Map.of("eventId", UUID.randomUUID().toString(), "type", type, "version", 1,
				"showId", UUID.randomUUID().toString(), "occurredAt", "2026-11-21T10:00:00Z", "bookingId",
				UUID.randomUUID().toString(), "userId", userId, "seatIds", List.of("A-1"), "totalPrice", 1200,
				"currency", "EUR"));
	}

}
