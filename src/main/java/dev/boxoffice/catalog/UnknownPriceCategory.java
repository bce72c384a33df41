package dev.boxoffice.catalog;

import dev.boxoffice.DomainError;

public final class UnknownPriceCategory extends DomainError {

	UnknownPriceCategory(java.util.Set<String> categories) {
		super(Kind.INVALID, "UNKNOWN_CATEGORY", "The hall has no seats of categories " + categories);
	}

}
