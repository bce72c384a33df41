package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class IdempotencyKeyInUse extends DomainError {

	public IdempotencyKeyInUse() {
		super(Kind.CONFLICT, "IDEMPOTENCY_KEY_IN_USE",
				"A request with this Idempotency-Key is still being processed; retry later");
	}

}
