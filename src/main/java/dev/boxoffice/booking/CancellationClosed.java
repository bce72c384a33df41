package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class CancellationClosed extends DomainError {

	CancellationClosed() {
		super(Kind.CONFLICT, "CANCELLATION_CLOSED", "The show has started; the booking can no longer be cancelled");
	}

}
