package dev.boxoffice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No reference-counted buffer is dropped unreleased on the paths clients use: catalog
 * reads, seat maps, holds, releases, bookings, cancellations, the waiting list and
 * tickets. A dropped buffer is memory Netty's pools never get back, so a long sale would
 * slowly exhaust direct memory (an r2dbc-postgresql {@code DataRow} left unreleased once
 * did this). Netty's leak detector runs at its paranoid level here, which tracks every
 * buffer and logs {@code LEAK:} when the garbage collector finds one nobody released.
 */
class NoLeakedBuffersApiTest extends ApiTest {

	private static final Logger LEAK_LOG = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

	private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();

	private ResourceLeakDetector.Level levelBefore;

	@BeforeEach
	void detectEveryLeak() {
		this.levelBefore = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		this.leaks.start();
		LEAK_LOG.addAppender(this.leaks);
		LEAK_LOG.setLevel(Level.ERROR);
	}

	@AfterEach
	void restoreTheDetector() {
		LEAK_LOG.detachAppender(this.leaks);
		ResourceLeakDetector.setLevel(this.levelBefore);
	}

	@Test
	void theDetectorReportsABufferDroppedUnreleased() {
		// The check below is only worth something if a leak does reach it.
		PooledByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(leakReports()).isNotEmpty());
	}

	/**
	 * Every answer's body is read, as a client does: an answer left unread is the test
	 * client's leak, not the service's.
	 */
	@Test
	void aSaleLeavesNoBufferUnreleased() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String other = this.data.userToken();
		for (int round = 0; round < 5; round++) {
			read("/api/v1/movies?q=metro");
			read("/api/v1/theaters?city=Berlin");
			read("/api/v1/shows?city=Berlin");
			read("/api/v1/shows/" + scene.showId());
			read("/api/v1/halls/" + scene.hallId());
			read("/api/v1/shows/" + scene.showId() + "/seats");
			String released = this.data.hold(token, scene.showId(), "B-" + (round + 1));
			this.client.delete()
				.uri("/api/v1/holds/" + released)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isNoContent()
				.expectBody()
				.isEmpty();
			String bookingId = this.data.book(token, scene.showId(), "A-" + (round + 1), "A-" + (round + 6));
			readAs(token, "/api/v1/bookings/" + bookingId + "/ticket");
			readAs(token, "/api/v1/bookings");
			this.client.post()
				.uri("/api/v1/shows/" + scene.showId() + "/holds")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + other)
				.bodyValue(Map.of("seatIds", List.of("A-" + (round + 1))))
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectBody()
				.returnResult();
			this.client.post()
				.uri("/api/v1/bookings/" + bookingId + "/cancel")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult();
			readAs(other, "/api/v1/waitlist");
		}
		// Leaks surface when the collector has found the buffer and the next one is
		// tracked: collect, then allocate, a few times over.
		for (int pass = 0; pass < 5; pass++) {
			System.gc();
			trackSomeBuffers();
			read("/api/v1/shows/" + scene.showId() + "/seats");
		}
		assertThat(leakReports()).as("LEAK reports of Netty's detector").isEmpty();
	}

	private void read(String path) {
		this.client.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult();
	}

	private void readAs(String token, String path) {
		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
	}

	private List<String> leakReports() {
		System.gc();
		trackSomeBuffers();
		List<String> reports = new ArrayList<>();
		for (ILoggingEvent event : List.copyOf(this.leaks.list)) {
			if (event.getFormattedMessage().contains("LEAK")) {
				reports.add(event.getFormattedMessage().lines().findFirst().orElse(""));
			}
		}
		return reports;
	}

	/** The detector looks for collected buffers only when it tracks a new one. */
	private static void trackSomeBuffers() {
		for (int i = 0; i < 100; i++) {
			ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(16);
			buffer.release();
		}
	}

}
