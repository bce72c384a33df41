package dev.boxoffice.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What happened around the waiting list of {@link WaitlistRushSimulation}, with wall-clock
 * times, one CSV line per event, so that run.sh can measure it and compare it with the
 * database. Every line has six fields, {@code event,id,count,atMs,ref,detail}:
 * <ul>
 * <li>{@code BURST,,,at,,}: the instant the cancellations were sent (and the public rush
 * began);</li>
 * <li>{@code JOINED,entryId,partySize,at,status,position}: POST /shows/{id}/waitlist
 * answered 201;</li>
 * <li>{@code CANCEL,bookingId,seats,answeredAt,httpStatus,sentAt}: an owner's
 * cancellation (status empty when it got no answer);</li>
 * <li>{@code OFFER_SEEN,entryId,partySize,seenAt,holdId,polls}: the first poll of GET
 * /waitlist that showed the entry OFFERED;</li>
 * <li>{@code NO_OFFER,entryId,partySize,lastPollAt,lastStatus,polls}: still not offered at
 * the deadline;</li>
 * <li>{@code OFFER_BOOKED,entryId,partySize,at,bookingId,}: the offer confirmed with
 * POST /bookings;</li>
 * <li>{@code PUBLIC_HOLD,holdId,seats,at,,seat;seat...}: a hold of the public crowd that
 * succeeded after the burst.</li>
 * </ul>
 * Written and flushed line by line under one lock, as {@link BookingLedger} is.
 */
final class WaitlistRushLog implements AutoCloseable {

	private final Path file;

	private final BufferedWriter out;

	private WaitlistRushLog(Path file) {
		this.file = file;
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the waiting-list log " + file, ex);
		}
	}

	/** The file named by {@code -DwaitlistFile}, default {@code target/waitlist.csv}. */
	static WaitlistRushLog open() {
		return new WaitlistRushLog(Path.of(LoadSettings.string("waitlistFile", "target/waitlist.csv")));
	}

	synchronized void write(String event, Object id, Object count, long atMs, Object ref, Object detail) {
		try {
			this.out.write(String.join(",", event, text(id), text(count), String.valueOf(atMs), text(ref),
					text(detail)));
			this.out.newLine();
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the waiting-list log " + this.file, ex);
		}
	}

	private static String text(Object value) {
		return (value != null) ? value.toString().replace(",", ";") : "";
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot close the waiting-list log " + this.file, ex);
		}
	}

}
