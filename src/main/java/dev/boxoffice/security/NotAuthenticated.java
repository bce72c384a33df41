package dev.boxoffice.security;

import dev.boxoffice.DomainError;

public final class NotAuthenticated extends DomainError {

	NotAuthenticated() {
		super(Kind.UNAUTHENTICATED, "UNAUTHORIZED", "A valid bearer token is required");
	}

}
