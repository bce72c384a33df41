package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class IdempotencyKeyReused extends DomainError {

	public IdempotencyKeyReused() {
		super(Kind.INVALID, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body");
	}

}
