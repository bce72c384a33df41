package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class HoldExpired extends DomainError {

	HoldExpired() {
		super(Kind.CONFLICT, "HOLD_EXPIRED", "The hold has expired or was released; hold the seats again");
	}

}
