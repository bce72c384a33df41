package dev.boxoffice.account;

import dev.boxoffice.DomainError;

public final class BadCredentials extends DomainError {

	BadCredentials() {
		super(Kind.UNAUTHENTICATED, "BAD_CREDENTIALS", "Email or password is wrong");
	}

}
