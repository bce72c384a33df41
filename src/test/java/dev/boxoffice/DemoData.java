package dev.boxoffice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Demo catalog for the dev run: two theaters, halls of different layouts, a dozen movies
 * and a week of shows. Loaded once into an empty database.
 */
@TestConfiguration(proxyBeanMethods = false)
class DemoData {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final List<String[]> MOVIES = List.of(new String[] { "Metropolis", "153", "Sci-Fi,Drama" },
			new String[] { "The General", "78", "Comedy,Action" },
			new String[] { "Casablanca", "102", "Drama,Romance" },
			new String[] { "Seven Samurai", "207", "Action,Drama" }, new String[] { "Vertigo", "128", "Thriller" },
			new String[] { "Spirited Away", "125", "Animation,Family" },
			new String[] { "The Third Man", "104", "Thriller,Noir" }, new String[] { "Alien", "117", "Sci-Fi,Horror" },
			new String[] { "Amelie", "122", "Comedy,Romance" }, new String[] { "Paddington 2", "104", "Family,Comedy" },
			new String[] { "Mad Max: Fury Road", "120", "Action,Sci-Fi" },
			new String[] { "Parasite", "132", "Thriller,Drama" });

	@Bean
	ApplicationRunner loadDemoData(DatabaseClient db, Clock clock) {
		return (args) -> db.sql("select count(*) from theaters")
			.map((row) -> row.get(0, Long.class))
			.one()
			.filter((count) -> count == 0)
			.flatMap((empty) -> load(db, clock))
			// Start-up on the main thread of the dev run: the data must be there before
			// the first request, so waiting is intended.
			.block();
	}

	private static Mono<Void> load(DatabaseClient db, Clock clock) {
		UUID odeon = UUID.randomUUID();
		UUID rex = UUID.randomUUID();
		UUID grand = UUID.randomUUID();
		UUID studio = UUID.randomUUID();
		UUID small = UUID.randomUUID();
		Mono<Void> theaters = db.sql("""
				insert into theaters (id, name, city, address) values
				  (:odeon, 'Odeon', 'Berlin', 'Kurfürstendamm 1'), (:rex, 'Rex', 'Paris', '1 Boulevard Poissonnière')
				""").bind("odeon", odeon).bind("rex", rex).then();
		Mono<Void> halls = db.sql("""
				insert into halls (id, theater_id, name, capacity) values
				  (:grand, :odeon, 'Grand', 144), (:studio, :odeon, 'Studio', 60), (:small, :rex, 'Salle 1', 40)
				""")
			.bind("grand", grand)
			.bind("studio", studio)
			.bind("small", small)
			.bind("odeon", odeon)
			.bind("rex", rex)
			.then();
		// Grand: 12 rows of 12 with aisles after seats 3 and 9, the back three rows
		// PREMIUM. Studio: 6 rows of 10 with a centre aisle. Salle 1: 5 rows of 8, no
		// aisle.
		Mono<Void> seats = Flux
			.concat(seats(db, grand, 12, 12, "number in (3, 9)", "r >= 10"),
					seats(db, studio, 6, 10, "number = 5", "false"), seats(db, small, 5, 8, "false", "false"))
			.then();
		Flux<UUID> movieIds = Flux.fromIterable(MOVIES).concatMap((movie) -> {
			UUID id = UUID.randomUUID();
			return db
				.sql("insert into movies (id, title, duration_minutes, genres) values (:id, :title, :minutes, :genres)")
				.bind("id", id)
				.bind("title", movie[0])
				.bind("minutes", Integer.parseInt(movie[1]))
				.bind("genres", movie[2].split(","))
				.then()
				.thenReturn(id);
		});
		return theaters.then(halls)
			.then(seats)
			.thenMany(movieIds)
			.collectList()
			.flatMap((movies) -> shows(db, clock, movies, List.of(grand, studio, small)))
			.doOnSuccess((done) -> log.info("Loaded demo data: 2 theaters, 3 halls, {} movies, a week of shows",
					MOVIES.size()));
	}

	private static Mono<Void> seats(DatabaseClient db, UUID hall, int rows, int perRow, String aisle, String premium) {
		return db.sql("""
				insert into seats (hall_id, seat_id, row_label, row_index, number, category, aisle_after)
				select :hall, chr(64 + r) || '-' || number, chr(64 + r), r - 1, number,
				       case when %s then 'PREMIUM' else 'STANDARD' end, %s
				from generate_series(1, :rows) r, generate_series(1, :perRow) number
				""".formatted(premium, aisle)).bind("hall", hall).bind("rows", rows).bind("perRow", perRow).then();
	}

	/**
	 * Four shows a day per hall for seven days, 3h45 apart (the longest movie runs 3h27).
	 */
	private static Mono<Void> shows(DatabaseClient db, Clock clock, List<UUID> movies, List<UUID> halls) {
		LocalDate today = LocalDate.now(clock);
		Instant now = clock.instant();
		int[] minutes = { 11 * 60, 14 * 60 + 45, 18 * 60 + 30, 22 * 60 + 15 };
		return Flux.range(0, 7)
			.concatMap((day) -> Flux.range(0, halls.size())
				.concatMap((hall) -> Flux.range(0, 4)
					.filter((slot) -> today.plusDays(day)
						.atStartOfDay()
						.toInstant(ZoneOffset.UTC)
						.plus(Duration.ofMinutes(minutes[slot]))
						.isAfter(now))
					.concatMap((slot) -> {
						Instant startsAt = today.plusDays(day)
							.atStartOfDay()
							.toInstant(ZoneOffset.UTC)
							.plus(Duration.ofMinutes(minutes[slot]));
						UUID movie = movies.get((day * 7 + hall * 3 + slot) % movies.size());
						return db
							.sql("""
									insert into shows (id, movie_id, hall_id, starts_at, ends_at, prices, currency)
									select :id, m.id, :hall, :startsAt, :startsAt::timestamptz + m.duration_minutes * interval '1 minute',
									       '{"STANDARD": 1200, "PREMIUM": 1800}'::jsonb, 'EUR'
									from movies m where m.id = :movie
									""")
							.bind("id", UUID.randomUUID())
							.bind("hall", halls.get(hall))
							.bind("startsAt", startsAt)
							.bind("movie", movie)
							.then();
					})))
			.then();
	}

}
