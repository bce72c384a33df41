package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.DomainError;

public final class MovieNotFound extends DomainError {

	public MovieNotFound(UUID movieId) {
		super(Kind.NOT_FOUND, "MOVIE_NOT_FOUND", "No movie with id " + movieId);
	}

}
