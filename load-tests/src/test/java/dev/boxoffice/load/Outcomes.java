package dev.boxoffice.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts of expected outcomes that Gatling reports as OK requests and so cannot tell apart,
 * such as a hold refused with 409 SEATS_UNAVAILABLE because another user was faster. Written
 * as {@code name=count} lines to {@code -DoutcomesFile} (default
 * {@code target/outcomes.properties}) when the simulation ends; run.sh adds up the files of
 * all Gatling processes and prints them.
 */
final class Outcomes {

	static final String HOLD_CONFLICTS = "hold_conflicts";

	static final String HOLDS_GIVEN_UP = "holds_given_up";

	static final String SOLD_OUT = "sold_out_seat_maps";

	static final String HOLDS = "holds";

	static final String CONFIRMED = "bookings_confirmed";

	static final String CANCELLED = "bookings_cancelled";

	static final String CONFIRM_UNKNOWN = "confirms_without_answer";

	static final String SNAPSHOTS = "sse_snapshots";

	static final String SEAT_EVENTS = "sse_seat_events";

	static final String SEAT_CHANGES = "sse_seat_changes";

	static final String WAITLIST_JOINED = "waitlist_joined";

	static final String WAITLIST_POLLS = "waitlist_polls";

	static final String OFFERS_SEEN = "waitlist_offers_seen";

	static final String OFFERS_BOOKED = "waitlist_offers_booked";

	static final String NO_OFFER = "waitlist_no_offer";

	static final String PUBLIC_HOLDS = "public_holds";

	static final String PUBLIC_SEATS = "public_seats_held";

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	void add(String name) {
		add(name, 1);
	}

	void add(String name, long amount) {
		this.counts.computeIfAbsent(name, (key) -> new LongAdder()).add(amount);
	}

	void write() {
		Path file = Path.of(LoadSettings.string("outcomesFile", "target/outcomes.properties"));
		Map<String, Long> sorted = new TreeMap<>();
		this.counts.forEach((name, count) -> sorted.put(name, count.sum()));
		String text = sorted.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.map((line) -> line + "\n")
			.collect(Collectors.joining());
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the outcome counts to " + file, ex);
		}
		System.out.println("Outcomes (" + file + "):\n" + text);
	}

}
