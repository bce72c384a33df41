package dev.boxoffice.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the virtual users saw happen to bookings, one CSV line per event
 * ({@code event,bookingId,showId,holdId}), so run.sh can compare it with the database after
 * the run:
 * <ul>
 * <li>{@code CONFIRMED}: POST /bookings answered 201 with this booking;</li>
 * <li>{@code CANCELLED}: POST /bookings/{id}/cancel answered 200;</li>
 * <li>{@code CONFIRM_UNKNOWN} / {@code CANCEL_UNKNOWN}: the request got no answer (time-out,
 * closed connection), so the server may or may not have done it.</li>
 * </ul>
 * Virtual users run on many threads: every line is written and flushed under one lock, so
 * lines never interleave and a run that is killed keeps what it saw until then.
 */
final class BookingLedger implements AutoCloseable {

	private final Path file;

	private final BufferedWriter out;

	private BookingLedger(Path file) {
		this.file = file;
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the booking ledger " + file, ex);
		}
	}

	/** The file named by {@code -DbookingsFile}, default {@code target/seen-bookings.csv}. */
	static BookingLedger open() {
		return new BookingLedger(Path.of(LoadSettings.string("bookingsFile", "target/seen-bookings.csv")));
	}

	void confirmed(String bookingId, String showId, String holdId) {
		write("CONFIRMED", bookingId, showId, holdId);
	}

	void cancelled(String bookingId, String showId) {
		write("CANCELLED", bookingId, showId, "");
	}

	void confirmUnknown(String showId, String holdId) {
		write("CONFIRM_UNKNOWN", "", showId, holdId);
	}

	void cancelUnknown(String bookingId, String showId) {
		write("CANCEL_UNKNOWN", bookingId, showId, "");
	}

	private synchronized void write(String event, String bookingId, String showId, String holdId) {
		try {
			this.out.write(event + "," + bookingId + "," + showId + "," + holdId);
			this.out.newLine();
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the booking ledger " + this.file, ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot close the booking ledger " + this.file, ex);
		}
	}

}
