package dev.boxoffice.account;

import dev.boxoffice.DomainError;

/**
 * Too many wrong passwords for one account lately: further attempts, a right password
 * included, are refused until the window has passed.
 */
final class TooManyAttempts extends DomainError {

	TooManyAttempts(long retryAfterSeconds) {
		super(Kind.RATE_LIMITED, "TOO_MANY_ATTEMPTS",
				"Too many failed logins for this account; try again in " + retryAfterSeconds + " s");
		with("retryAfterSeconds", retryAfterSeconds);
	}

}
