package dev.boxoffice.seating;

public enum SeatStatus {

	AVAILABLE, HELD, BOOKED

}
