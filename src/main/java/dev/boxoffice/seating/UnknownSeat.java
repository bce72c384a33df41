package dev.boxoffice.seating;

import java.util.List;

import dev.boxoffice.DomainError;

public final class UnknownSeat extends DomainError {

	UnknownSeat(List<String> unknown) {
		super(Kind.INVALID, "UNKNOWN_SEAT", "The hall has no seats " + unknown);
		with("unknownSeatIds", unknown);
	}

}
