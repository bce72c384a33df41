package dev.boxoffice.seating;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import dev.boxoffice.catalog.Show;

/**
 * Writes a seat map as API.md shows it, {@code {showId, hallId, seats:[{id, row, number,
 * category, price, status}], counts:{available, held, booked}}}, by joining bytes encoded
 * once per hall (each seat up to its price) with the show's prices and the statuses. A
 * big hall's map is written in well under a millisecond, without an object per seat.
 */
final class SeatMapJson {

	private static final byte[][] STATUS = { bytes(",\"status\":\"AVAILABLE\"}"), bytes(",\"status\":\"HELD\"}"),
			bytes(",\"status\":\"BOOKED\"}") };

	private SeatMapJson() {
	}

	static byte[] encode(Show show, HallLayout layout, byte[] statuses, SeatMapSnapshot.Counts counts) {
		Map<String, byte[]> prices = new HashMap<>();
		ByteArrayOutputStream out = new ByteArrayOutputStream(200 + statuses.length * HallLayout.JSON_BYTES_PER_SEAT);
		out.writeBytes(bytes("{\"showId\":\"" + show.showId() + "\",\"hallId\":\"" + show.hallId() + "\",\"seats\":["));
		for (int i = 0; i < statuses.length; i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(layout.seatJsonPrefix(i));
			out.writeBytes(prices.computeIfAbsent(layout.seat(i).category(),
					(category) -> bytes(Integer.toString(show.price(category)))));
			out.writeBytes(STATUS[statuses[i]]);
		}
		out.writeBytes(bytes("],\"counts\":{\"available\":" + counts.available() + ",\"held\":" + counts.held()
				+ ",\"booked\":" + counts.booked() + "}}"));
		return out.toByteArray();
	}

	/** A JSON string literal. */
	static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
