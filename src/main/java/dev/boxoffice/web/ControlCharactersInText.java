package dev.boxoffice.web;

import java.util.List;
import java.util.Map;

import dev.boxoffice.DomainError;

/** A text field or parameter with control characters in it (see ControlCharacters). */
final class ControlCharactersInText extends DomainError {

	ControlCharactersInText(String field) {
		super(Kind.INVALID, "VALIDATION_FAILED", "The request has invalid fields");
		with("errors", List.of(Map.of("field", field, "message", "must not contain control characters")));
	}

}
