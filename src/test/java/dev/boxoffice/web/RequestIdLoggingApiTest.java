package dev.boxoffice.web;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdLoggingApiTest extends ApiTest {

	@Test
	void aLineLoggedWhileServingARequestCarriesItsRequestId(CapturedOutput output) {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		String bookingId = this.data.book(token, scene.showId(), "A-1");
		// Cancelling refunds the charge, which the payment provider logs on another
		// thread.
		this.client.post()
			.uri("/api/v1/bookings/" + bookingId + "/cancel")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(RequestIdFilter.HEADER, "cancel-trace-7")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Refunded charge")))
			.anyMatch((line) -> line.contains("\"requestId\":\"cancel-trace-7\""));
	}

}
