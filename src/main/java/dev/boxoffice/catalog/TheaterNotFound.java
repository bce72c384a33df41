package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.DomainError;

public final class TheaterNotFound extends DomainError {

	public TheaterNotFound(UUID theaterId) {
		super(Kind.NOT_FOUND, "THEATER_NOT_FOUND", "No theater with id " + theaterId);
	}

}
