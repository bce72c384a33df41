package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.DomainError;

public final class ShowNotFound extends DomainError {

	public ShowNotFound(UUID showId) {
		super(Kind.NOT_FOUND, "SHOW_NOT_FOUND", "No show with id " + showId);
	}

}
