package dev.boxoffice.catalog;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Deleting a movie hides it from the catalog. It is refused while a show of it that has
 * not started still has active bookings: those customers hold tickets for it.
 */
@Component
class MovieRemoval {

	private final Movies movies;

	private final Shows shows;

	private final ShowBookings bookings;

	private final TransactionalOperator transaction;

	private final CachedCatalog catalog;

	private final Clock clock;

	MovieRemoval(Movies movies, Shows shows, ShowBookings bookings, TransactionalOperator transaction,
			CachedCatalog catalog, Clock clock) {
		this.movies = movies;
		this.shows = shows;
		this.bookings = bookings;
		this.transaction = transaction;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * The movie row stays locked until the removal commits, so two removals or an edit
	 * and a removal do not interleave. Its upcoming shows go off sale: this instance
	 * forgets them at once, the others within {@link CachedCatalog#SHOW_FRESHNESS}.
	 */
	Mono<Void> remove(UUID movieId) {
		return this.movies.lock(movieId)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new MovieNotFound(movieId)))
			.flatMap((found) -> this.shows.upcomingOf(movieId, this.clock.instant()).collectList())
			.flatMap((upcoming) -> (upcoming.isEmpty() ? Mono.just(false) : this.bookings.anyActive(upcoming))
				.flatMap((booked) -> booked ? Mono.error(new MovieHasBookings()) : this.movies.softDelete(movieId))
				.thenReturn(upcoming))
			.as(this.transaction::transactional)
			.doOnNext(this.catalog::forget)
			.then();
	}

}
