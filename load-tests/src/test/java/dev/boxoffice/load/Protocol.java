package dev.boxoffice.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import java.util.List;

import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP client every simulation uses. */
final class Protocol {

	private Protocol() {
	}

	static HttpProtocolBuilder http() {
		return http(LoadSettings.baseUrls());
	}

	/** Each virtual user sticks to one of {@code baseUrls}, chosen round-robin. */
	static HttpProtocolBuilder http(List<String> baseUrls) {
		return http.baseUrls(baseUrls)
			// The warm-up request would go to gatling.io: load tests only talk to 127.0.0.1.
			.disableWarmUp()
			.acceptHeader("application/json")
			.userAgentHeader("boxoffice-load-tests");
	}

}
