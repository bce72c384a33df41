package dev.boxoffice.account;

import dev.boxoffice.DomainError;

public final class EmailTaken extends DomainError {

	EmailTaken() {
		super(Kind.CONFLICT, "EMAIL_TAKEN", "An account with this email already exists");
	}

}
