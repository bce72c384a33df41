package dev.boxoffice.catalog;

import java.util.List;
import java.util.Map;

import dev.boxoffice.DomainError;

/**
 * A hall layout that validation annotations alone cannot refuse (a row declared twice, an
 * aisle off the row).
 */
public final class InvalidLayout extends DomainError {

	InvalidLayout(String field, String message) {
		super(Kind.INVALID, "VALIDATION_FAILED", "The request has invalid fields");
		with("errors", List.of(Map.of("field", field, "message", message)));
	}

}
