package dev.boxoffice.payment;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money owed back is paid back even when the provider fails, and the bookkeeping tables
 * do not grow for ever. Here the simulated provider fails its first two refunds, the
 * worker looks every 200 ms, and retention runs every 200 ms keeping published events for
 * one second.
 */
@TestPropertySource(properties = { "boxoffice.payment.refund-failures=2", "boxoffice.payment.refund-interval=200ms",
		"boxoffice.retention.interval=200ms", "boxoffice.retention.outbox-published=PT1S" })
class RefundsAndRetentionApiTest extends ApiTest {

	@Autowired
	private MeterRegistry meters;

	@Test
	void aRefundTheProviderRefusesIsRetriedUntilItIsDone() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String bookingId = this.data.book(token, scene.showId(), "A-1");
		double failedBefore = refunds("failed");

		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		// The cancellation stands although the provider refused its refund: it is owed.
		assertThat(this.data.count("select count(*) from refunds where reason = 'CANCELLED'")).isEqualTo(1);

		// Two failures, backing off 1 s then 2 s, and the third attempt succeeds.
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					this.data.count("select count(*) from simulated_payments where status = 'REFUNDED'"))
				.isEqualTo(1));
		assertThat(this.data.count("select count(*) from refunds where state = 'DONE' and attempts = 3")).isEqualTo(1);
		assertThat(this.data.count("select count(*) from payments where state = 'REFUNDED'")).isEqualTo(1);
		assertThat(refunds("failed") - failedBefore).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.meters.get("boxoffice.refunds.pending").gauge().value()).isZero());
	}

	@Test
	void publishedEventsAndExpiredIdempotencyKeysAreDeleted() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.data.book(token, scene.showId(), "B-2");
		assertThat(this.data.count("select count(*) from outbox")).isPositive();
		UUID user = UUID.randomUUID();
		this.data.db().sql("""
				insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at)
				values (:user, 'old', 'h', 201, '{}'::jsonb, now() - interval '25 hours'),
				       (:user, 'recent', 'h', 201, '{}'::jsonb, now() - interval '23 hours')
				""").bind("user", user).then().block();

		// Published a second ago or more: gone; the keys of the last 24 hours stay.
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.data.count("select count(*) from outbox")).isZero());
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(
					this.data.count("select count(*) from idempotency_keys where user_id = '" + user + "'"))
				.isEqualTo(1));
		assertThat(this.data.count("select count(*) from idempotency_keys where key = 'recent'")).isEqualTo(1);
	}

	private double refunds(String outcome) {
		return this.meters.get("boxoffice.refunds").tag("outcome", outcome).counter().count();
	}

}
