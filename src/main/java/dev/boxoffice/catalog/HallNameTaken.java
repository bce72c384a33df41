package dev.boxoffice.catalog;

import dev.boxoffice.DomainError;

public final class HallNameTaken extends DomainError {

	HallNameTaken(String name) {
		super(Kind.CONFLICT, "HALL_NAME_TAKEN", "The theater already has a hall named " + name);
	}

}
