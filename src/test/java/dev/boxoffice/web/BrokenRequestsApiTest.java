package dev.boxoffice.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests broken below JSON, sent byte by byte as a hostile client would: each is
 * answered with a problem, and none is logged as the service's failure (an ERROR line
 * pages an operator).
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokenRequestsApiTest extends ApiTest {

	@Test
	void aBodyWithBrokenChunksIsRefusedWithoutAnErrorLogged(CapturedOutput output) throws IOException {
		int logged = output.getOut().length();
		String answer = exchange("""
				POST /api/v1/auth/login HTTP/1.1\r
				Host: localhost\r
				Content-Type: application/json\r
				Transfer-Encoding: chunked\r
				\r
				ZZ\r
				{"email":"a@example.com"}\r
				0\r
				\r
				""", Duration.ofSeconds(10));
		assertThat(answer).startsWith("HTTP/1.1 400");
		// The service's own answer to the next request shows the broken one is done with.
		this.client.get().uri("/api/v1/movies").exchange().expectStatus().isOk();
		assertThat(errorsSince(output, logged)).isEmpty();
	}

	/**
	 * Requests refused before the application sees them (by Reactor Netty, or by Spring
	 * before routing) still get a problem document, as every error does.
	 */
	@Test
	void requestsRefusedBeforeRoutingGetAProblemToo() throws IOException {
		Map<String, String> refusals = Map.of("GET /api/v1/shows?city=% HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"MALFORMED_REQUEST",
				"GET /api/v1/shows?city=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", "URI_TOO_LONG",
				"GET /api/v1/shows HTTP/1.1\r\nHost: localhost\r\nX-Bell: a\u0007b\r\n\r\n", "MALFORMED_REQUEST");
		refusals.forEach((request, code) -> {
			String answer;
			try {
				answer = exchange(
						request + "GET /api/v1/movies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
						Duration.ofSeconds(10));
			}
			catch (IOException failed) {
				throw new UncheckedIOException(failed);
			}
			assertThat(answer).as(code).containsIgnoringCase("content-type: application/problem+json");
			assertThat(answer).as(code).contains("\"code\":\"" + code + "\"");
		});
	}

	/** The ERROR lines logged since the output had {@code length} characters. */
	private static List<String> errorsSince(CapturedOutput output, int length) {
		return output.getOut()
			.substring(length)
			.lines()
			.filter((line) -> line.contains("\"level\":\"ERROR\""))
			.toList();
	}

	/**
	 * Writes {@code request} as is and reads until the server closes the connection or
	 * {@code patience} passes (then "timed out").
	 */
	private String exchange(String request, Duration patience) throws IOException {
		URI base = URI.create(baseUrl());
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout((int) patience.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder answer = new StringBuilder();
			byte[] buffer = new byte[4096];
			try {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				}
			}
			catch (SocketTimeoutException waitedTooLong) {
				return answer + " timed out";
			}
			return answer.toString();
		}
	}

}
