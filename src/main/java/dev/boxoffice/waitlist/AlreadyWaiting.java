package dev.boxoffice.waitlist;

import dev.boxoffice.DomainError;

/** One open entry per user and show. */
final class AlreadyWaiting extends DomainError {

	AlreadyWaiting() {
		super(Kind.CONFLICT, "ALREADY_WAITING", "You are already on the waiting list of this show");
	}

}
