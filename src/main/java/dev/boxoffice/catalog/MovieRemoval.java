package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.web.ApiProblem;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Deleting a movie hides it from the catalog. It is refused while a show of it that has
 * not started still has active bookings: those customers hold tickets for it.
 */
@Component
class MovieRemoval {

	private final DatabaseClient db;

	private final Movies movies;

	private final TransactionalOperator transaction;

	MovieRemoval(DatabaseClient db, Movies movies, TransactionalOperator transaction) {
		this.db = db;
		this.movies = movies;
		this.transaction = transaction;
	}

	Mono<Void> remove(UUID movieId) {
		// Lock the movie row so no show of it can be booked between the check and the
		// delete.
		Mono<Boolean> exists = this.db.sql("select 1 from movies where id = :id and deleted_at is null for update")
			.bind("id", movieId)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false);
		return exists
			.flatMap((found) -> found ? futureBookings(movieId) : Mono.error(ApiProblem.notFound("movie", movieId)))
			.flatMap((booked) -> booked
					? Mono.error(ApiProblem.conflict("MOVIE_HAS_BOOKINGS",
							"The movie has upcoming shows with active bookings; cancel them first"))
					: this.movies.softDelete(movieId))
			.as(this.transaction::transactional)
			.then();
	}

	private Mono<Boolean> futureBookings(UUID movieId) {
		return this.db.sql("""
				select exists (select 1 from shows s join bookings b on b.show_id = s.id
				               where s.movie_id = :movie and s.starts_at > now() and b.status = 'CONFIRMED')
				""").bind("movie", movieId).map((row) -> row.get(0, Boolean.class)).one();
	}

}
