package dev.boxoffice.seating;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seat map is served from memory while its version stands; these tests prove it is
 * never stale: a change made by another instance shows at once, and a hold that runs out
 * shows free even though nothing announced it (the sweeper is held back here).
 */
@TestPropertySource(properties = { "boxoffice.holds.ttl=PT2S", "boxoffice.holds.sweep-interval=PT1H" })
class SeatMapFreshnessTest extends ApiTest {

	@Autowired
	private SeatHolds holds;

	@Test
	void aChangeMadeByAnotherInstanceShowsInTheNextSeatMap() {
		Scene scene = this.data.scene();
		assertThat(status(scene, "A-1")).isEqualTo("AVAILABLE");
		assertThat(status(scene, "A-1")).isEqualTo("AVAILABLE");
		// Another instance shares only Redis: it places a hold through the same port.
		Hold elsewhere = new Hold(UUID.randomUUID(), UUID.fromString(scene.showId()), UUID.randomUUID(), List.of("A-1"),
				Instant.now().plusSeconds(60), 1200, "EUR");
		assertThat(this.holds.tryHold(elsewhere, Duration.ofSeconds(60), 0).block())
			.isInstanceOf(SeatHolds.Attempt.Placed.class);
		assertThat(status(scene, "A-1")).isEqualTo("HELD");
		this.holds.completeBooking(elsewhere).block();
		assertThat(status(scene, "A-1")).isEqualTo("BOOKED");
		this.holds.freeBooked(elsewhere.showId(), elsewhere.seatIds()).block();
		assertThat(status(scene, "A-1")).isEqualTo("AVAILABLE");
	}

	@Test
	void aHoldThatRunsOutShowsFreeWithoutBeingAnnounced() {
		Scene scene = this.data.scene();
		this.data.hold(this.data.userToken(), scene.showId(), "B-4");
		assertThat(status(scene, "B-4")).isEqualTo("HELD");
		String version = this.holds.version(UUID.fromString(scene.showId())).block();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "AVAILABLE".equals(status(scene, "B-4")));
		// Nothing advanced the version: the snapshot knew when its hold would run out.
		assertThat(this.holds.version(UUID.fromString(scene.showId())).block()).isEqualTo(version);
	}

	@Test
	void everySeatChangeAdvancesTheVersion() {
		Scene scene = this.data.scene();
		UUID show = UUID.fromString(scene.showId());
		String token = this.data.userToken();
		String before = this.holds.version(show).block();
		this.data.hold(token, scene.showId(), "A-1");
		String held = this.holds.version(show).block();
		String bookingId = this.data.book(token, scene.showId(), "A-2");
		String booked = this.holds.version(show).block();
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		String cancelled = this.holds.version(show).block();
		assertThat(List.of(before, held, booked, cancelled)).doesNotHaveDuplicates();
	}

	private String status(Scene scene, String seatId) {
		return this.client.get()
			.uri("/api/v1/shows/" + scene.showId() + "/seats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SeatMapBody.class)
			.returnResult()
			.getResponseBody()
			.seats()
			.stream()
			.filter((seat) -> seat.id().equals(seatId))
			.findFirst()
			.orElseThrow()
			.status();
	}

	record SeatMapBody(List<SeatBody> seats) {

		record SeatBody(String id, String status) {
		}

	}

}
