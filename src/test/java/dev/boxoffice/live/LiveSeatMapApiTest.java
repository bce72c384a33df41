package dev.boxoffice.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.BoxOfficeApplication;
import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.BackingServices;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveSeatMapApiTest extends ApiTest {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private JsonMapper json;

	@Autowired
	private SeatFeed feed;

	/**
	 * Streams are taken once the instance's feed has joined Kafka, a moment after the
	 * start; until then they are sent away with a retry hint.
	 */
	@BeforeEach
	void feedHasJoined() {
		await().atMost(Duration.ofSeconds(60)).until(this.feed::isAssigned);
	}

	@Test
	void aSubscriberGetsTheSnapshotFirstThenEveryChange() throws InterruptedException {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
		Disposable stream = subscribe(http(), scene.showId(), null, events);
		try {
			ServerSentEvent<String> snapshot = events.poll(10, TimeUnit.SECONDS);
			assertThat(snapshot.event()).isEqualTo("snapshot");
			assertThat(snapshot.id()).isNotBlank();
			assertThat(snapshot.retry()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
			JsonNode map = this.json.readTree(snapshot.data());
			assertThat(map.get("showId").asString()).isEqualTo(scene.showId());
			assertThat(map.get("counts").get("available").asInt()).isEqualTo(30);
			hold(this.client, token, scene, "A-1", "A-2");
			ServerSentEvent<String> change = events.poll(5, TimeUnit.SECONDS);
			assertThat(change.event()).isEqualTo("seats");
			assertThat(Long.parseLong(change.id())).isGreaterThan(Long.parseLong(snapshot.id()));
			assertThat(this.json.readTree(change.data()).get("changes").toString())
				.isEqualTo("[{\"seatId\":\"A-1\",\"status\":\"HELD\"},{\"seatId\":\"A-2\",\"status\":\"HELD\"}]");
		}
		finally {
			stream.dispose();
		}
	}

	@Test
	void aQuietStreamGetsAKeepAliveCommentWithinFifteenSeconds() throws InterruptedException {
		Scene scene = this.data.scene();
		BlockingQueue<ServerSentEvent<String>> everything = new LinkedBlockingQueue<>();
		Disposable stream = http().get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENTS)
			.subscribe(everything::add);
		try {
			assertThat(everything.poll(10, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
			// Proxies and load balancers close connections that stay silent: API.md
			// promises a comment line at least every 15 s on a show where nothing
			// happens.
			ServerSentEvent<String> next = everything.poll(15, TimeUnit.SECONDS);
			assertThat(next).as("an event or comment within 15 s").isNotNull();
			assertThat(next.event()).isNull();
			assertThat(next.comment()).contains("keep-alive");
		}
		finally {
			stream.dispose();
		}
	}

	@Test
	void aResumedStreamGetsExactlyTheChangesItMissed() throws InterruptedException {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		BlockingQueue<ServerSentEvent<String>> first = new LinkedBlockingQueue<>();
		Disposable stream = subscribe(http(), scene.showId(), null, first);
		assertThat(first.poll(10, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
		hold(this.client, token, scene, "B-1");
		ServerSentEvent<String> seen = first.poll(5, TimeUnit.SECONDS);
		assertThat(seen.event()).isEqualTo("seats");
		stream.dispose();
		// Gone for a while: two changes happen meanwhile, each in its own window; a
		// watcher that stays tells when each has gone out.
		BlockingQueue<ServerSentEvent<String>> watched = new LinkedBlockingQueue<>();
		Disposable watcher = subscribe(http(), scene.showId(), seen.id(), watched);
		hold(this.client, token, scene, "B-2");
		await().atMost(Duration.ofSeconds(5)).until(() -> watched.stream().anyMatch((event) -> has(event, "B-2")));
		hold(this.client, token, scene, "B-3");
		await().atMost(Duration.ofSeconds(5)).until(() -> watched.stream().anyMatch((event) -> has(event, "B-3")));
		watcher.dispose();

		BlockingQueue<ServerSentEvent<String>> resumed = new LinkedBlockingQueue<>();
		Disposable again = subscribe(http(), scene.showId(), seen.id(), resumed);
		try {
			ServerSentEvent<String> missed1 = resumed.poll(5, TimeUnit.SECONDS);
			ServerSentEvent<String> missed2 = resumed.poll(5, TimeUnit.SECONDS);
			assertThat(missed1.event()).isEqualTo("seats");
			assertThat(missed1.data()).contains("B-2").doesNotContain("B-1");
			assertThat(missed2.event()).isEqualTo("seats");
			assertThat(missed2.data()).contains("B-3");
			ServerSentEvent<String> extra = resumed.poll(1, TimeUnit.SECONDS);
			assertThat(extra).as("nothing more than what was missed").isNull();
		}
		finally {
			again.dispose();
		}
	}

	@Test
	void aSubscriberArrivingJustAfterAChangeStillSeesIt() throws InterruptedException {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		BlockingQueue<ServerSentEvent<String>> early = new LinkedBlockingQueue<>();
		Disposable first = subscribe(http(), scene.showId(), null, early);
		assertThat(early.poll(10, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
		hold(this.client, token, scene, "C-2");
		assertThat(early.poll(5, TimeUnit.SECONDS).data()).contains("C-2");
		// Within the life of a shared snapshot that was made before the change.
		BlockingQueue<ServerSentEvent<String>> late = new LinkedBlockingQueue<>();
		Disposable second = subscribe(http(), scene.showId(), null, late);
		try {
			ServerSentEvent<String> snapshot = late.poll(10, TimeUnit.SECONDS);
			assertThat(snapshot.event()).isEqualTo("snapshot");
			boolean heldInSnapshot = this.json.readTree(snapshot.data())
				.get("seats")
				.valueStream()
				.anyMatch((seat) -> seat.get("id").asString().equals("C-2")
						&& seat.get("status").asString().equals("HELD"));
			if (!heldInSnapshot) {
				ServerSentEvent<String> change = late.poll(2, TimeUnit.SECONDS);
				assertThat(change).as("the change made after the shared snapshot follows it").isNotNull();
				assertThat(change.data()).contains("C-2").contains("HELD");
			}
		}
		finally {
			first.dispose();
			second.dispose();
		}
	}

	@Test
	void aStreamResumedFromAnUnknownPointStartsWithASnapshot() throws InterruptedException {
		Scene scene = this.data.scene();
		BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
		Disposable stream = subscribe(http(), scene.showId(), "-5", events);
		try {
			assertThat(events.poll(10, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
		}
		finally {
			stream.dispose();
		}
	}

	/**
	 * A browser that reconnects with an id from before the ids were reset (a new broker)
	 * must not wait, silent, for the ids to catch up with it: it gets a fresh snapshot,
	 * then the changes that follow.
	 */
	@Test
	void aStreamResumedFromBeyondTheLatestEventStartsWithASnapshotAndMissesNothing() throws InterruptedException {
		Scene scene = this.data.scene();
		BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
		Disposable stream = subscribe(http(), scene.showId(), Long.toString(Long.MAX_VALUE / 2), events);
		try {
			assertThat(events.poll(10, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
			hold(this.client, this.data.userToken(), scene, "C-4");
			ServerSentEvent<String> change = events.poll(5, TimeUnit.SECONDS);
			assertThat(change).as("the change after the snapshot").isNotNull();
			assertThat(change.data()).contains("C-4").contains("HELD");
		}
		finally {
			stream.dispose();
		}
	}

	@Test
	void aHoldOnOneInstanceReachesASubscriberOfAnotherWithinASecond() throws InterruptedException {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		try (ConfigurableApplicationContext other = secondInstance(Map.of())) {
			await().atMost(Duration.ofSeconds(60)).until(other.getBean(SeatFeed.class)::isAssigned);
			WebClient otherClient = WebClient
				.create("http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port"));
			BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
			Disposable stream = subscribe(otherClient, scene.showId(), null, events);
			try {
				assertThat(events.poll(15, TimeUnit.SECONDS).event()).isEqualTo("snapshot");
				long start = System.nanoTime();
				hold(this.client, token, scene, "C-9");
				ServerSentEvent<String> change = events.poll(1, TimeUnit.SECONDS);
				long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
				assertThat(change).as("a change within a second").isNotNull();
				assertThat(change.data()).contains("C-9").contains("HELD");
				assertThat(took).isLessThan(1000);
			}
			finally {
				stream.dispose();
			}
		}
	}

	/**
	 * An instance started while the broker is away serves bookings (the outbox keeps
	 * their events), but a seat-map stream there would show a snapshot and then never a
	 * change: it is sent to reconnect later, or elsewhere, instead.
	 */
	@Test
	void anInstanceWhoseFeedHasNotJoinedSendsStreamsElsewhere() {
		Scene scene = this.data.scene();
		try (ConfigurableApplicationContext away = secondInstance(
				Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:1"))) {
			List<ServerSentEvent<String>> events = http(away).get()
				.uri("/api/v1/shows/" + scene.showId() + "/seats/stream")
				.accept(MediaType.TEXT_EVENT_STREAM)
				.retrieve()
				.bodyToFlux(EVENTS)
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(events).hasSize(1);
			assertThat(events.get(0).event()).as("no snapshot").isNull();
			assertThat(events.get(0).retry()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
		}
	}

	@Test
	void anUnknownShowHasNoStream() {
		this.client.get()
			.uri("/api/v1/shows/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11/seats/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private static Disposable subscribe(WebClient client, String showId, String lastEventId,
			BlockingQueue<ServerSentEvent<String>> into) {
		return client.get()
			.uri("/api/v1/shows/" + showId + "/seats/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				if (lastEventId != null) {
					headers.set("Last-Event-ID", lastEventId);
				}
			})
			.retrieve()
			.bodyToFlux(EVENTS)
			.filter((event) -> event.event() != null)
			.subscribe(into::add);
	}

	private static boolean has(ServerSentEvent<String> event, String seatId) {
		return "seats".equals(event.event()) && event.data() != null && event.data().contains(seatId);
	}

	private static void hold(org.springframework.test.web.reactive.server.WebTestClient client, String token,
			Scene scene, String... seats) {
		client.post()
			.uri("/api/v1/shows/" + scene.showId() + "/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("seatIds", List.of(seats)))
			.exchange()
			.expectStatus()
			.isCreated();
	}

}
