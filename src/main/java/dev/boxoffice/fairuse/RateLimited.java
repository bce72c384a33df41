package dev.boxoffice.fairuse;

import dev.boxoffice.DomainError;

/** Too many requests of one kind from one client or user; nothing was done. */
public final class RateLimited extends DomainError {

	RateLimited(long retryAfterSeconds) {
		super(Kind.RATE_LIMITED, "RATE_LIMITED", "Too many requests; retry in " + retryAfterSeconds + " s");
		with("retryAfterSeconds", retryAfterSeconds);
	}

}
