package dev.boxoffice.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.Page;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * Movies; a deleted movie keeps its row (past shows and bookings refer to it) but is
 * hidden.
 */
@Repository
class Movies {

	private final DatabaseClient db;

	Movies(DatabaseClient db) {
		this.db = db;
	}

	Mono<Movie> insert(Movie movie) {
		return this.db.sql("""
				insert into movies (id, title, duration_minutes, genres, rating, description)
				values (:id, :title, :duration, :genres, :rating, :description)
				""").bind("id", movie.movieId()).bindValues(columns(movie)).then().thenReturn(movie);
	}

	Mono<Movie> update(Movie movie) {
		return this.db.sql("""
				update movies set title = :title, duration_minutes = :duration, genres = :genres,
				                  rating = :rating, description = :description
				where id = :id and deleted_at is null
				""")
			.bind("id", movie.movieId())
			.bindValues(columns(movie))
			.fetch()
			.rowsUpdated()
			.filter((updated) -> updated > 0)
			.map((updated) -> movie);
	}

	Mono<Movie> find(UUID id) {
		return this.db.sql("select * from movies where id = :id and deleted_at is null")
			.bind("id", id)
			.map(Movies::movie)
			.one();
	}

	/**
	 * Title contains {@code q} (any case) and, if given, one genre equals {@code genre}
	 * (any case).
	 */
	Mono<Page<Movie>> search(String q, String genre, int page, int size) {
		String where = " where deleted_at is null"
				+ ((q != null) ? " and title ilike '%' || :q || '%' escape '\\'" : "") + ((genre != null)
						? " and exists (select 1 from unnest(genres) g where lower(g) = lower(:genre))" : "");
		Mono<List<Movie>> items = filters(
				this.db.sql("select * from movies" + where + " order by lower(title), id limit :limit offset :offset"),
				q, genre)
			.bind("limit", size)
			.bind("offset", (long) page * size)
			.map(Movies::movie)
			.all()
			.collectList();
		Mono<Long> total = filters(this.db.sql("select count(*) from movies" + where), q, genre)
			.map((row) -> row.get(0, Long.class))
			.one();
		return Mono.zip(items, total, (list, count) -> new Page<>(list, page, size, count));
	}

	/** Locks the movie's row for the transaction; false when there is no such movie. */
	Mono<Boolean> lock(UUID id) {
		return this.db.sql("select 1 from movies where id = :id and deleted_at is null for update")
			.bind("id", id)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	Mono<Boolean> softDelete(UUID id) {
		return this.db.sql("update movies set deleted_at = now() where id = :id and deleted_at is null")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

	private static GenericExecuteSpec filters(GenericExecuteSpec spec, String q, String genre) {
		if (q != null) {
			spec = spec.bind("q", q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
		}
		if (genre != null) {
			spec = spec.bind("genre", genre);
		}
		return spec;
	}

	private static java.util.Map<String, Object> columns(Movie movie) {
		return java.util.Map.of("title", movie.title(), "duration", movie.durationMinutes(), "genres",
				movie.genres().toArray(String[]::new), "rating", Parameter.fromOrEmpty(movie.rating(), String.class),
				"description", Parameter.fromOrEmpty(movie.description(), String.class));
	}

	private static Movie movie(Readable row) {
		String[] genres = row.get("genres", String[].class);
		return new Movie(row.get("id", UUID.class), row.get("title", String.class),
				row.get("duration_minutes", Integer.class), (genres != null) ? Arrays.asList(genres) : List.of(),
				row.get("rating", String.class), row.get("description", String.class));
	}

}
