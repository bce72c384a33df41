package dev.boxoffice.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.EmbeddedKafka;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away mid-flow and comes back: bookings keep succeeding, the outbox
 * keeps their events, and the relay delivers every one of them once the broker is back.
 */
class BrokerOutageTest extends ApiTest {

	private static final int PORT = freePort();

	private static EmbeddedKafkaKraftBroker broker = EmbeddedKafka.start(PORT);

	@Autowired
	private EventTransport transport;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void ownBroker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void bookingsSucceedWhileTheBrokerIsDownAndTheirEventsArriveWhenItReturns() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		broker.destroy();

		String first = this.data.book(token, scene.showId(), "A-1");
		String second = this.data.book(token, scene.showId(), "A-2");
		assertThat(this.data.count(
				"select count(*) from outbox where published_at is null and payload->>'bookingId' = '" + second + "'"))
			.as("the outbox holds the event while the broker is away")
			.isEqualTo(1);

		broker = EmbeddedKafka.start(PORT);
		Set<String> confirmed = ConcurrentHashMap.newKeySet();
		Disposable consumer = this.transport
			.receive("outage-test-" + UUID.randomUUID(), List.of(Topics.BOOKING_EVENTS), false)
			.map((event) -> this.json.readTree(event.payload()))
			.filter((event) -> "BookingConfirmed".equals(event.get("type").asString()))
			.subscribe((event) -> confirmed.add(event.get("bookingId").asString()));
		try {
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(confirmed).contains(first, second));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(this.data.count("select count(*) from outbox where published_at is null"))
							.isZero());
		}
		finally {
			consumer.dispose();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
	}

}
