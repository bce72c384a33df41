package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * People looking around before they buy: search and page through movies, filter by genre,
 * list a city's shows, open a show, its movie, its hall and its seat map. Read-only, no
 * login; it discovers what to read from the catalog itself.
 * <p>
 * Properties: {@code baseUrls}, {@code users} (concurrent, default 50), {@code ramp} (10s),
 * {@code duration} (30s), {@code thinkMin} / {@code thinkMax} (0.5s / 2s), {@code city}
 * (Loadville), {@code date} (the shows' day, default tomorrow in UTC), {@code searchTerms},
 * {@code genres}, {@code maxKoPercent} (0.1), {@code p99Ms} (2000).
 */
public class BrowseSimulation extends Simulation {

	static final String MOVIES_SEARCH = "movies: search";

	static final String MOVIES_PAGE = "movies: page";

	static final String MOVIES_GENRE = "movies: by genre";

	static final String MOVIE = "movie";

	static final String SHOWS_OF_MOVIE = "shows: of a movie";

	static final String THEATERS = "theaters: in a city";

	static final String SHOWS_IN_CITY = "shows: in a city on a day";

	static final String SHOW = "show";

	static final String HALL = "hall";

	static final String SEAT_MAP = "seat map";

	private final int users = LoadSettings.users(50);

	private final Duration ramp = LoadSettings.ramp(Duration.ofSeconds(10));

	private final Duration duration = LoadSettings.duration(Duration.ofSeconds(30));

	private final Duration thinkMin = LoadSettings.thinkMin(Duration.ofMillis(500));

	private final Duration thinkMax = LoadSettings.thinkMax(Duration.ofSeconds(2));

	private final String city = LoadSettings.string("city", "Loadville");

	private final String date = LoadSettings.string("date", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());

	private final List<String> searchTerms = LoadSettings.list("searchTerms", "night,star,the,load,river,zz-no-match");

	private final List<String> genres = LoadSettings.list("genres", "DRAMA,ACTION,COMEDY,SCIFI,FAMILY");

	/** Search, page, filter, then open one of the movies found. */
	private final ChainBuilder movies = exec((session) -> session.set("term", pick(this.searchTerms))
		.set("genre", pick(this.genres))
		.set("page", ThreadLocalRandom.current().nextInt(3)))
		.exec(http(MOVIES_SEARCH).get("/api/v1/movies?q=#{term}&page=0&size=20")
			.check(status().is(200), jsonPath("$.total").ofLong().gte(0L), jsonPath("$.size").ofInt().lte(100)))
		.pause(this.thinkMin, this.thinkMax)
		.exec(http(MOVIES_PAGE).get("/api/v1/movies?page=#{page}&size=10")
			.check(status().is(200), jsonPath("$.page").ofInt().isEL("#{page}"),
					jsonPath("$.items[*].movieId").findAll().optional().saveAs("movieIds")))
		.exec(http(MOVIES_GENRE).get("/api/v1/movies?genre=#{genre}&size=20")
			.check(status().is(200), jsonPath("$.total").ofLong().gte(0L)))
		.doIf((session) -> session.contains("movieIds"))
		.then(exec((session) -> session.set("movieId", pick(session.getList("movieIds"))))
			.exec(http(MOVIE).get("/api/v1/movies/#{movieId}")
				.check(status().is(200), jsonPath("$.movieId").isEL("#{movieId}")))
			.exec(http(SHOWS_OF_MOVIE).get("/api/v1/shows?movieId=#{movieId}").check(status().is(200))))
		.pause(this.thinkMin, this.thinkMax);

	/** Pick a show of the day in the city and look at it closely. */
	private final ChainBuilder shows = exec((session) -> session.set("city", this.city).set("date", this.date))
		.exec(http(THEATERS).get("/api/v1/theaters?city=#{city}").check(status().is(200)))
		.exec(http(SHOWS_IN_CITY).get("/api/v1/shows?city=#{city}&date=#{date}")
			// The run provisions shows on this day: an empty list is a failure, not a quiet day.
			.check(status().is(200), jsonPath("$[*].showId").findAll().saveAs("showIds")))
		.doIf((session) -> session.contains("showIds"))
		.then(exec((session) -> session.set("showId", pick(session.getList("showIds"))))
			.exec(http(SHOW).get("/api/v1/shows/#{showId}")
				.check(status().is(200), jsonPath("$.showId").isEL("#{showId}"),
						jsonPath("$.hallId").saveAs("hallId"), jsonPath("$.movieId").saveAs("movieId")))
			.exec(http(MOVIE).get("/api/v1/movies/#{movieId}").check(status().is(200)))
			.exec(http(HALL).get("/api/v1/halls/#{hallId}")
				.check(status().is(200), jsonPath("$.capacity").ofInt().gt(0)))
			.pause(this.thinkMin, this.thinkMax)
			.exec(http(SEAT_MAP).get("/api/v1/shows/#{showId}/seats")
				.check(status().is(200), jsonPath("$.showId").isEL("#{showId}"),
						jsonPath("$.counts.available").ofInt().gte(0), jsonPath("$.seats[0].status").exists())))
		.pause(this.thinkMin, this.thinkMax);

	private final ScenarioBuilder browse = scenario("browse")
		.during(this.duration, false)
		.on(exec(this.movies).exec(this.shows).exec((session) -> session.remove("showIds").remove("movieIds")));

	{
		setUp(this.browse.injectOpen(rampUsers(this.users).during(this.ramp))).protocols(Protocol.http())
			.maxDuration(this.ramp.plus(this.duration).plusSeconds(60))
			.assertions(Targets.failedAtMost(0.1)
				.p99(MOVIES_SEARCH, 2000)
				.p99(MOVIES_PAGE, 2000)
				.p99(MOVIES_GENRE, 2000)
				.p99(MOVIE, 2000)
				.p99(SHOWS_OF_MOVIE, 2000)
				.p99(THEATERS, 2000)
				.p99(SHOWS_IN_CITY, 2000)
				.p99(SHOW, 2000)
				.p99(HALL, 2000)
				.p99(SEAT_MAP, 2000)
				.assertions());
	}

	private static <T> T pick(List<T> items) {
		return items.get(ThreadLocalRandom.current().nextInt(items.size()));
	}

}
