package dev.boxoffice.seating;

import dev.boxoffice.DomainError;

public final class UnknownCategory extends DomainError {

	public UnknownCategory(String category) {
		super(Kind.INVALID, "UNKNOWN_CATEGORY", "The hall has no seats of category " + category);
	}

}
