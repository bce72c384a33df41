package dev.boxoffice.catalog;

import dev.boxoffice.DomainError;

public final class ShowInPast extends DomainError {

	ShowInPast() {
		super(Kind.INVALID, "SHOW_IN_PAST", "A show must start in the future");
	}

}
