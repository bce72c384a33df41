package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class InvalidPayment extends DomainError {

	InvalidPayment() {
		super(Kind.INVALID, "INVALID_PAYMENT", "The payment token is not valid");
	}

}
