package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class AlreadyCancelled extends DomainError {

	AlreadyCancelled() {
		super(Kind.CONFLICT, "ALREADY_CANCELLED", "The booking is already cancelled");
	}

}
