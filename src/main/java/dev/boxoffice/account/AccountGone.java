package dev.boxoffice.account;

import dev.boxoffice.DomainError;

public final class AccountGone extends DomainError {

	AccountGone() {
		super(Kind.UNAUTHENTICATED, "UNAUTHORIZED", "The account of this token no longer exists");
	}

}
