package dev.boxoffice.booking;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

class ShowStatsApiTest extends ApiTest {

	@Test
	void anAdminSeesOccupancyAndRevenueOfAShow() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.data.book(token, scene.showId(), "A-1", "C-1");
		String cancelled = this.data.book(token, scene.showId(), "A-2");
		this.client.post()
			.uri("/api/v1/bookings/" + cancelled + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		this.data.hold(token, scene.showId(), "B-1");
		this.client.get()
			.uri("/api/v1/admin/shows/" + scene.showId() + "/stats")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.capacity")
			.isEqualTo(30)
			.jsonPath("$.booked")
			.isEqualTo(2)
			.jsonPath("$.held")
			.isEqualTo(1)
			.jsonPath("$.available")
			.isEqualTo(27)
			.jsonPath("$.revenue")
			.isEqualTo(1200 + 1800)
			.jsonPath("$.currency")
			.isEqualTo("EUR");
	}

	@Test
	void statsAreForAdminsOnly() {
		Scene scene = this.data.scene();
		this.client.get()
			.uri("/api/v1/admin/shows/" + scene.showId() + "/stats")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.userToken())
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/api/v1/admin/shows/5b0e3c58-9b43-4f4e-a3f1-5b1f1d1c0c11/stats")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
