package dev.boxoffice.seating;

import java.util.UUID;

import dev.boxoffice.DomainError;

/** No such hold, or someone else's: the two are never told apart. */
public final class HoldNotFound extends DomainError {

	public HoldNotFound(UUID holdId) {
		super(Kind.NOT_FOUND, "HOLD_NOT_FOUND", "No hold with id " + holdId);
	}

}
