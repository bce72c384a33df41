package dev.boxoffice.web;

import dev.boxoffice.DomainError;

/** A browser page of an origin not in {@code BOXOFFICE_CORS_ORIGINS} called the API. */
final class OriginNotAllowed extends DomainError {

	OriginNotAllowed(String origin) {
		super(Kind.FORBIDDEN, "ORIGIN_NOT_ALLOWED", "Calls from this origin are not allowed");
		with("origin", origin.length() > 200 ? origin.substring(0, 200) : origin);
	}

}
