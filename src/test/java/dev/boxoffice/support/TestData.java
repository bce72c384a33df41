package dev.boxoffice.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.R2dbcException;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

import dev.boxoffice.security.TokenIssuer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test data made the way a client makes it, through the public API, plus the wipe that
 * gives every test a clean database and Redis.
 */
@TestComponent
public class TestData {

	private final DatabaseClient db;

	private final ReactiveStringRedisTemplate redis;

	private final WebTestClient client;

	private final TokenIssuer tokens;

	private String adminToken;

	TestData(DatabaseClient db, ReactiveStringRedisTemplate redis, WebTestClient client, TokenIssuer tokens) {
		this.db = db;
		this.redis = redis;
		this.client = client;
		this.tokens = tokens;
	}

	/**
	 * Many users at once, straight into the database (no password hashing per user), each
	 * with a real signed token: for races between hundreds of clients.
	 */
	public List<String> userTokens(int count) {
		List<String> result = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID id = UUID.randomUUID();
			String email = "racer-" + id + "@example.com";
			this.db.sql(
					"insert into users (id, email, password_hash, display_name, role) values (:id, :email, 'unused', 'Racer', 'USER')")
				.bind("id", id)
				.bind("email", email)
				.then()
				.block();
			result.add(this.tokens.issue(id, email, "USER").accessToken());
		}
		return result;
	}

	public DatabaseClient db() {
		return this.db;
	}

	public long count(String sql) {
		return this.db.sql(sql).map((row) -> ((Number) row.get(0)).longValue()).one().block();
	}

	/**
	 * Empties every table but the migration history, keeping the bootstrapped
	 * administrator.
	 */
	public void wipe() {
		List<String> tables = this.db.sql(
				"select tablename from pg_tables where schemaname = 'public' and tablename not in ('flyway_schema_history', 'users')")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		if (!tables.isEmpty()) {
			// A background loop of the application under test (relay, consumer, sweep)
			// may hold one of these tables and want another that the truncation already
			// holds: PostgreSQL then aborts one side, sometimes the truncation. Again.
			this.db.sql("truncate table " + String.join(", ", tables) + " cascade")
				.then()
				.retryWhen(Retry.backoff(5, Duration.ofMillis(50)).filter(TestData::isDeadlock))
				.block();
		}
		this.db.sql("delete from users where role <> 'ADMIN'").then().block();
		this.redis.execute((connection) -> connection.serverCommands().flushDb()).blockLast();
	}

	private static boolean isDeadlock(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && "40P01".equals(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

	public String adminToken() {
		if (this.adminToken == null) {
			this.adminToken = login(ApiTest.ADMIN_EMAIL, ApiTest.ADMIN_PASSWORD);
		}
		return this.adminToken;
	}

	/** A new user and a token for it (made without the cost of password hashing). */
	public String userToken() {
		return userTokens(1).get(0);
	}

	public JsonNode register(String email, String password, String displayName) {
		return this.client.post()
			.uri("/api/v1/auth/register")
			.bodyValue(Map.of("email", email, "password", password, "displayName", displayName))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	public String login(String email, String password) {
		return this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("accessToken")
			.asString();
	}

	public String theater(String name, String city) {
		return adminPost("/api/v1/theaters", Map.of("name", name, "city", city, "address", "1 Main St"))
			.get("theaterId")
			.asString();
	}

	/** A hall whose rows are given as {label: seatCount}, all STANDARD, no aisles. */
	public JsonNode hall(String theaterId, String name, List<Map<String, Object>> rows) {
		return adminPost("/api/v1/theaters/" + theaterId + "/halls", Map.of("name", name, "rows", rows));
	}

	public static Map<String, Object> row(String label, int seats, String category, Integer... aisleAfter) {
		return Map.of("label", label, "seats", seats, "category", category, "aisleAfter", List.of(aisleAfter));
	}

	public String movie(String title, int minutes, String... genres) {
		return adminPost("/api/v1/movies",
				Map.of("title", title, "durationMinutes", minutes, "genres", List.of(genres)))
			.get("movieId")
			.asString();
	}

	public JsonNode show(String movieId, String hallId, Instant startsAt, Map<String, Integer> prices) {
		return adminPost("/api/v1/shows", Map.of("movieId", movieId, "hallId", hallId, "startsAt", startsAt.toString(),
				"prices", prices, "currency", "EUR"));
	}

	/** A theater with one 3x10 STANDARD hall and a 120-minute movie showing tomorrow. */
	public Scene scene() {
		String theaterId = theater("Odeon", "Berlin");
		JsonNode hall = hall(theaterId, "Hall 1",
				List.of(row("A", 10, "STANDARD"), row("B", 10, "STANDARD"), row("C", 10, "PREMIUM", 5)));
		String movieId = movie("Metropolis", 120, "Drama");
		Instant startsAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		JsonNode show = show(movieId, hall.get("hallId").asString(), startsAt,
				Map.of("STANDARD", 1200, "PREMIUM", 1800));
		return new Scene(theaterId, hall.get("hallId").asString(), movieId, show.get("showId").asString(), startsAt);
	}

	/** Each seat of the show's public seat map with its status. */
	public Map<String, String> seatStatuses(String showId) {
		JsonNode map = this.client.get()
			.uri("/api/v1/shows/" + showId + "/seats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		Map<String, String> statuses = new HashMap<>();
		map.get("seats").forEach((seat) -> statuses.put(seat.get("id").asString(), seat.get("status").asString()));
		return statuses;
	}

	/** Holds the seats for the user behind {@code token}; returns the hold id. */
	public String hold(String token, String showId, String... seats) {
		return this.client.post()
			.uri("/api/v1/shows/" + showId + "/holds")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("seatIds", List.of(seats)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("holdId")
			.asString();
	}

	/** Holds the seats and pays with {@code tok_ok}; returns the booking id. */
	public String book(String token, String showId, String... seats) {
		return this.client.post()
			.uri("/api/v1/bookings")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("holdId", hold(token, showId, seats), "payment", Map.of("token", "tok_ok")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("bookingId")
			.asString();
	}

	public JsonNode adminPost(String path, Object body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	public record Scene(String theaterId, String hallId, String movieId, String showId, Instant startsAt) {
	}

}
