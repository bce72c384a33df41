package dev.boxoffice.seating;

import dev.boxoffice.DomainError;

/** The show has started: its seats can no longer be held, booked or waited for. */
public final class ShowClosed extends DomainError {

	public ShowClosed(String detail) {
		super(Kind.INVALID, "SHOW_CLOSED", detail);
	}

}
