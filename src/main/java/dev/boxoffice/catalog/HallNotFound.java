package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.DomainError;

public final class HallNotFound extends DomainError {

	public HallNotFound(UUID hallId) {
		super(Kind.NOT_FOUND, "HALL_NOT_FOUND", "No hall with id " + hallId);
	}

}
