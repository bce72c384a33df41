package dev.boxoffice.catalog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Editing or deleting a movie. Both are refused while a show of it that has not started
 * still has active bookings: those customers hold tickets for the show as it was
 * announced. An edit gives the upcoming shows the movie's new length, and is refused when
 * one of them would then overlap the next show in its hall.
 */
@Component
class MovieChanges {

	private final Movies movies;

	private final Shows shows;

	private final ShowBookings bookings;

	private final TransactionalOperator transaction;

	private final CachedCatalog catalog;

	private final Clock clock;

	MovieChanges(Movies movies, Shows shows, ShowBookings bookings, TransactionalOperator transaction,
			CachedCatalog catalog, Clock clock) {
		this.movies = movies;
		this.shows = shows;
		this.bookings = bookings;
		this.transaction = transaction;
		this.catalog = catalog;
		this.clock = clock;
	}

	/** The movie as given, its upcoming shows ending as its new length says. */
	Mono<Movie> replace(Movie movie) {
		return unbookedUpcoming(movie.movieId())
			.flatMap((upcoming) -> this.movies.update(movie)
				.then(this.shows.lengthen(movie, this.clock.instant()))
				.thenReturn(upcoming))
			.as(this.transaction::transactional)
			.doOnNext(this.catalog::forget)
			.thenReturn(movie);
	}

	/**
	 * Hides the movie from the catalog. Its upcoming shows go off sale: this instance
	 * forgets them at once, the others within {@link CachedCatalog#SHOW_FRESHNESS}.
	 */
	Mono<Void> remove(UUID movieId) {
		return unbookedUpcoming(movieId).flatMap((upcoming) -> this.movies.softDelete(movieId).thenReturn(upcoming))
			.as(this.transaction::transactional)
			.doOnNext(this.catalog::forget)
			.then();
	}

	/**
	 * The movie's shows that have not started, none of them booked. The movie row stays
	 * locked until the change commits, so two changes of one movie do not interleave.
	 */
	private Mono<List<UUID>> unbookedUpcoming(UUID movieId) {
		return this.movies.lock(movieId)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new MovieNotFound(movieId)))
			.flatMap((found) -> this.shows.upcomingOf(movieId, this.clock.instant()).collectList())
			.flatMap((upcoming) -> (upcoming.isEmpty() ? Mono.just(false) : this.bookings.anyActive(upcoming))
				.flatMap((booked) -> booked ? Mono.<List<UUID>>error(new MovieHasBookings()) : Mono.just(upcoming)));
	}

}
