package dev.boxoffice.security;

import dev.boxoffice.DomainError;

public final class NotAllowed extends DomainError {

	NotAllowed() {
		super(Kind.FORBIDDEN, "FORBIDDEN", "Your role does not allow this operation");
	}

}
