package dev.boxoffice.events;

/**
 * The Kafka topics of BoxOffice; records are keyed by show id so each show's events stay
 * in order.
 */
public final class Topics {

	public static final String BOOKING_EVENTS = "boxoffice.booking-events";

	public static final String SEAT_EVENTS = "boxoffice.seat-events";

	public static final String WAITLIST_EVENTS = "boxoffice.waitlist-events";

	/**
	 * Booking events a consumer gave up on after repeated failures, kept for an operator.
	 */
	public static final String BOOKING_EVENTS_DLT = "boxoffice.booking-events.dlt";

	private Topics() {
	}

}
