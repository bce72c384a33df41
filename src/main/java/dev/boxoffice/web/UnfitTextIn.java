package dev.boxoffice.web;

import java.util.List;
import java.util.Map;

import dev.boxoffice.DomainError;

/** A text field or parameter the service refuses to read (see {@link UnfitText}). */
final class UnfitTextIn extends DomainError {

	UnfitTextIn(String field, String fault) {
		super(Kind.INVALID, "VALIDATION_FAILED", "The request has invalid fields");
		with("errors", List.of(Map.of("field", field, "message", fault)));
	}

}
