package dev.boxoffice.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers and load testers send request after request on one keep-alive connection. Each
 * must be answered, including a request that follows one answered from memory right after
 * one answered from the database: Reactor Netty 1.3.6 stopped reading the connection in
 * that order now and then (reactor/reactor-netty#4361), and the third request hung until
 * the client gave up.
 */
class KeepAliveApiTest extends ApiTest {

	@Test
	void everyRequestOnAKeepAliveConnectionIsAnswered() throws IOException {
		Scene scene = this.data.scene();
		URI base = URI.create(baseUrl());
		// A database read, a read from the catalog cache, a database read again.
		List<String> sequence = List.of("/api/v1/movies/" + scene.movieId(), "/api/v1/shows/" + scene.showId(),
				"/api/v1/movies/" + scene.movieId());
		List<String> unanswered = new ArrayList<>();
		for (int round = 0; round < 150; round++) {
			try (Socket socket = new Socket(base.getHost(), base.getPort())) {
				socket.setSoTimeout(3_000);
				for (String path : sequence) {
					socket.getOutputStream()
						.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n\r\n")
							.getBytes(StandardCharsets.US_ASCII));
					try {
						assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
					}
					catch (SocketTimeoutException hung) {
						unanswered.add("round " + round + ": " + path);
						break;
					}
				}
			}
		}
		assertThat(unanswered).isEmpty();
	}

	/** One response with a Content-Length body; its head. */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed");
			}
			head.write(b);
		}
		String text = head.toString(StandardCharsets.US_ASCII);
		int length = 0;
		for (String line : text.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		in.readNBytes(length);
		return text;
	}

}
