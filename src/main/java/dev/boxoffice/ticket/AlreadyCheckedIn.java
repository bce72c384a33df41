package dev.boxoffice.ticket;

import java.time.Instant;

import dev.boxoffice.DomainError;

/** A ticket is good for one entry; the answer says when it was used. */
public final class AlreadyCheckedIn extends DomainError {

	AlreadyCheckedIn(Instant checkedInAt) {
		super(Kind.CONFLICT, "ALREADY_CHECKED_IN", "This ticket was already checked in");
		with("checkedInAt", checkedInAt.toString());
	}

}
