package dev.boxoffice.booking;

import dev.boxoffice.DomainError;

public final class PaymentDeclined extends DomainError {

	PaymentDeclined() {
		super(Kind.PAYMENT_REFUSED, "PAYMENT_DECLINED",
				"The payment was declined; your hold is still valid, try another card");
	}

}
