package dev.boxoffice.live;

import java.util.List;

/**
 * One {@code seats} event of the stream: changes coalesced from one short window, in the
 * order they happened; {@code id} is the broker position of the last of them.
 * {@code data} is the event's JSON, written once and shared by every subscriber of the
 * show.
 */
record SeatChangeEvent(long id, List<Change> changes, String data) {

	record Change(String seatId, String status) {
	}

}
