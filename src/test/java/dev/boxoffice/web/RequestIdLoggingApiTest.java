package dev.boxoffice.web;

import java.util.List;

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
		// Cancelling refunds the charge, which the payment provider logs on another
		// thread. The refund worker used to take some refunds before the request's own
		// attempt (logging without a request id); it now leaves a fresh refund to its
		// request for five seconds, and of five cancellations one is enough here.
		List<String> requestIds = List.of("cancel-trace-1", "cancel-trace-2", "cancel-trace-3", "cancel-trace-4",
				"cancel-trace-5");
		for (int i = 0; i < requestIds.size(); i++) {
			String bookingId = this.data.book(token, scene.showId(), "A-" + (i + 1));
			this.client.post()
				.uri("/api/v1/bookings/" + bookingId + "/cancel")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.header(RequestIdFilter.HEADER, requestIds.get(i))
				.exchange()
				.expectStatus()
				.isOk();
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains("Refunded charge")))
			.anyMatch((line) -> requestIds.stream().anyMatch((id) -> line.contains("\"requestId\":\"" + id + "\"")));
	}

}
