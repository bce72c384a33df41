package dev.boxoffice.seating;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.boxoffice.catalog.Show;

/**
 * A show's seat map at one version: the status of every seat of the layout, the counts,
 * and the JSON as served, encoded once on first need and then shared by every request and
 * stream that asks while the version stands.
 */
public final class SeatMapSnapshot {

	static final byte AVAILABLE = 0;

	static final byte HELD = 1;

	static final byte BOOKED = 2;

	private final Show show;

	private final HallLayout layout;

	private final String version;

	private final byte[] statuses;

	private final Counts counts;

	private final long readAtNanos;

	private final long freshUntilNanos;

	private volatile byte[] json;

	private volatile String jsonText;

	SeatMapSnapshot(Show show, HallLayout layout, SeatHolds.SeatStates states, long readAtNanos) {
		this.show = show;
		this.layout = layout;
		this.version = states.version();
		this.statuses = new byte[layout.size()];
		int held = 0;
		int booked = 0;
		for (int i = 0; i < this.statuses.length; i++) {
			String id = layout.seat(i).id();
			if (states.booked().contains(id)) {
				this.statuses[i] = BOOKED;
				booked++;
			}
			else if (states.held().contains(id)) {
				this.statuses[i] = HELD;
				held++;
			}
		}
		this.counts = new Counts(this.statuses.length - held - booked, held, booked);
		this.readAtNanos = readAtNanos;
		Duration validFor = states.validFor();
		this.freshUntilNanos = (validFor != null) ? readAtNanos + validFor.toNanos() : Long.MAX_VALUE;
	}

	public String version() {
		return this.version;
	}

	public Counts counts() {
		return this.counts;
	}

	public int capacity() {
		return this.statuses.length;
	}

	public boolean isFree(int seatIndex) {
		return this.statuses[seatIndex] == AVAILABLE;
	}

	/** Whether the seat is free; a seat the hall does not have is not. */
	public boolean isFree(String seatId) {
		int index = this.layout.indexOf(seatId);
		return index >= 0 && isFree(index);
	}

	/**
	 * False once a hold in it has run out: its seats are free although the version
	 * stands.
	 */
	boolean isFresh() {
		return this.freshUntilNanos == Long.MAX_VALUE || System.nanoTime() - this.freshUntilNanos < 0;
	}

	boolean isYoungerThan(Duration age) {
		return System.nanoTime() - this.readAtNanos < age.toNanos();
	}

	/** Whether this snapshot reflects the state at {@code seenVersion} or a later one. */
	boolean isAtLeast(String seenVersion) {
		try {
			return Long.parseLong(this.version) >= Long.parseLong(seenVersion);
		}
		catch (NumberFormatException unexpected) {
			return this.version.equals(seenVersion);
		}
	}

	boolean wasReadAfter(SeatMapSnapshot other) {
		return this.readAtNanos - other.readAtNanos > 0;
	}

	/** Bytes a cache should count for it: the statuses plus the JSON it will encode. */
	int weight() {
		return this.statuses.length * (1 + HallLayout.JSON_BYTES_PER_SEAT);
	}

	/** The seat map as API.md shows it, as UTF-8 JSON. */
	public byte[] json() {
		byte[] encoded = this.json;
		if (encoded == null) {
			encoded = SeatMapJson.encode(this.show, this.layout, this.statuses, this.counts);
			this.json = encoded;
		}
		return encoded;
	}

	/** The same JSON as text, for the first event of a seat stream. */
	public String jsonText() {
		String text = this.jsonText;
		if (text == null) {
			text = new String(json(), StandardCharsets.UTF_8);
			this.jsonText = text;
		}
		return text;
	}

	public record Counts(int available, int held, int booked) {

	}

}
