package dev.boxoffice.catalog;

import dev.boxoffice.DomainError;

public final class MissingPrice extends DomainError {

	MissingPrice(java.util.Set<String> categories) {
		super(Kind.INVALID, "MISSING_PRICE", "The hall has seats of categories without a price: " + categories);
	}

}
