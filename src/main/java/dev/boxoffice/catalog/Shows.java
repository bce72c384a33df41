package dev.boxoffice.catalog;

import io.r2dbc.spi.R2dbcException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

@Repository
class Shows {

	private static final TypeReference<TreeMap<String, Integer>> PRICES = new TypeReference<>() {
	};

	private static final String SELECT = """
			select s.id, s.movie_id, s.hall_id, h.theater_id, s.starts_at, s.ends_at, s.prices, s.currency
			from shows s join halls h on h.id = s.hall_id
			""";

	private final DatabaseClient db;

	private final JsonMapper json;

	Shows(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** The exclusion constraint {@code shows_no_overlap} decides overlaps, race-free. */
	Mono<Show> insert(Show show) {
		return this.db.sql("""
				insert into shows (id, movie_id, hall_id, starts_at, ends_at, prices, currency)
				values (:id, :movie, :hall, :startsAt, :endsAt, :prices, :currency)
				""")
			.bind("id", show.showId())
			.bind("movie", show.movieId())
			.bind("hall", show.hallId())
			.bind("startsAt", show.startsAt())
			.bind("endsAt", show.endsAt())
			.bind("prices", Json.of(this.json.writeValueAsString(show.prices())))
			.bind("currency", show.currency())
			.then()
			.thenReturn(show)
			.onErrorMap(Shows::isExclusionViolation, (failure) -> new HallBusy(show));
	}

	/** SQLSTATE 23P01: the exclusion constraint {@code shows_no_overlap} said no. */
	private static boolean isExclusionViolation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && "23P01".equals(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The movie's shows that have not started by {@code now} end as its length says; the
	 * exclusion constraint refuses one that would then overlap the next in its hall.
	 */
	Mono<Void> lengthen(Movie movie, Instant now) {
		return this.db.sql("""
				update shows set ends_at = starts_at + make_interval(mins => :minutes)
				where movie_id = :movie and starts_at > :now
				""")
			.bind("minutes", movie.durationMinutes())
			.bind("movie", movie.movieId())
			.bind("now", now)
			.then()
			.onErrorMap(Shows::isExclusionViolation, (failure) -> new HallBusy(movie));
	}

	/** The movie's shows that have not started by {@code now}. */
	Flux<UUID> upcomingOf(UUID movieId, Instant now) {
		return this.db.sql("select id from shows where movie_id = :movie and starts_at > :now")
			.bind("movie", movieId)
			.bind("now", now)
			.map((row) -> row.get(0, UUID.class))
			.all();
	}

	/**
	 * A show of a movie still in the catalog: one whose movie was deleted is off sale.
	 */
	Mono<Show> find(UUID id) {
		return this.db
			.sql(SELECT + " where s.id = :id and exists (select 1 from movies m where m.id = s.movie_id"
					+ " and m.deleted_at is null)")
			.bind("id", id)
			.map(this::show)
			.one();
	}

	/**
	 * Shows of movies still in the catalog, by start time; without a date only those not
	 * yet over.
	 */
	Flux<Show> search(UUID movieId, UUID theaterId, String city, LocalDate date, Instant now) {
		List<String> where = new ArrayList<>(
				List.of("exists (select 1 from movies m where m.id = s.movie_id and m.deleted_at is null)"));
		Map<String, Object> values = new java.util.HashMap<>();
		if (movieId != null) {
			where.add("s.movie_id = :movie");
			values.put("movie", movieId);
		}
		if (theaterId != null) {
			where.add("h.theater_id = :theater");
			values.put("theater", theaterId);
		}
		if (city != null) {
			where.add("exists (select 1 from theaters t where t.id = h.theater_id and lower(t.city) = lower(:city))");
			values.put("city", city);
		}
		if (date != null) {
			where.add("s.starts_at >= :from and s.starts_at < :to");
			values.put("from", date.atStartOfDay().toInstant(ZoneOffset.UTC));
			values.put("to", date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		}
		else {
			where.add("s.ends_at > :now");
			values.put("now", now);
		}
		GenericExecuteSpec spec = this.db
			.sql(SELECT + " where " + String.join(" and ", where) + " order by s.starts_at, s.id")
			.bindValues(values);
		return spec.map(this::show).all();
	}

	private Show show(Readable row) {
		Map<String, Integer> prices = this.json.readValue(row.get("prices", Json.class).asString(), PRICES);
		return new Show(row.get("id", UUID.class), row.get("movie_id", UUID.class), row.get("hall_id", UUID.class),
				row.get("theater_id", UUID.class), row.get("starts_at", Instant.class),
				row.get("ends_at", Instant.class), prices, row.get("currency", String.class).trim());
	}

}
