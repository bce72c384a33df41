package dev.boxoffice.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * Finds a real PostgreSQL, Redis and Kafka for the tests and the dev run, once per JVM,
 * in this order: addresses from environment variables; containers when a Docker engine
 * answers; otherwise servers embedded in this JVM's process tree. Nothing needs to be
 * installed.
 *
 * <ul>
 * <li>{@code BOXOFFICE_TEST_POSTGRES_HOST}, {@code _PORT} (5432), {@code _USER}
 * (postgres), {@code _PASSWORD} (empty): a server on which the named database is dropped
 * and re-created.</li>
 * <li>{@code BOXOFFICE_TEST_KAFKA_BOOTSTRAP}: a Kafka broker whose BoxOffice topics the
 * tests write to.</li>
 * <li>{@code BOXOFFICE_TEST_REDIS_HOST}, {@code _PORT} (6379), {@code _DATABASE} (15): a
 * Redis whose database is flushed by the tests.</li>
 * </ul>
 * Whichever way they were found, {@link #properties} is the one description of where they
 * are, used by the tests, the second instances they start and the dev run. The dev run
 * also hands the containers it started to Spring Boot as service connections (see
 * {@link ContainerConnections}); the tests do not, because they point single test classes
 * elsewhere by property (a broker that goes away, a database URL that marks a connection)
 * and share the containers between application contexts that each close their own.
 */
public final class BackingServices {

	private static final Logger log = LoggerFactory.getLogger(BackingServices.class);

	private static Map<String, String> resolved;

	private static PostgreSQLContainer postgresContainer;

	private static KafkaContainer kafkaContainer;

	private BackingServices() {
	}

	/** Spring properties that point the service at the resolved servers. */
	public static synchronized Map<String, String> properties(String database) {
		if (resolved == null) {
			Map<String, String> properties = new LinkedHashMap<>();
			boolean docker = dockerAvailable();
			properties.putAll(postgres(database, docker));
			properties.putAll(redis(docker));
			properties.putAll(kafka(docker));
			resolved = properties;
		}
		return resolved;
	}

	/**
	 * The PostgreSQL container {@link #properties} started, if it started one; its
	 * database is the one the properties name.
	 */
	public static synchronized Optional<PostgreSQLContainer> postgresContainer() {
		return Optional.ofNullable(postgresContainer);
	}

	/** The Kafka container {@link #properties} started, if it started one. */
	public static synchronized Optional<KafkaContainer> kafkaContainer() {
		return Optional.ofNullable(kafkaContainer);
	}

	private static Map<String, String> postgres(String database, boolean docker) {
		String host = System.getenv("BOXOFFICE_TEST_POSTGRES_HOST");
		int port;
		String user;
		String password;
		if (host != null && !host.isBlank()) {
			port = Integer.parseInt(env("BOXOFFICE_TEST_POSTGRES_PORT", "5432"));
			user = env("BOXOFFICE_TEST_POSTGRES_USER", "postgres");
			password = env("BOXOFFICE_TEST_POSTGRES_PASSWORD", "");
			log.info("PostgreSQL from the environment at {}:{}", host, port);
		}
		else if (docker) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine").withDatabaseName(database);
			container.start();
			postgresContainer = container;
			host = container.getHost();
			port = container.getMappedPort(5432);
			user = container.getUsername();
			password = container.getPassword();
			log.info("PostgreSQL in a container at {}:{}", host, port);
		}
		else {
			EmbeddedPostgres embedded = startEmbeddedPostgres();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(embedded)));
			host = "127.0.0.1";
			port = embedded.getPort();
			user = "postgres";
			password = "";
			log.info("PostgreSQL embedded at {}:{}", host, port);
		}
		recreateDatabase(host, port, user, password, database);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + host + ":" + port + "/" + database);
		properties.put("spring.r2dbc.username", user);
		properties.put("spring.r2dbc.password", password);
		properties.put("spring.flyway.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
		properties.put("spring.flyway.user", user);
		properties.put("spring.flyway.password", password);
		return properties;
	}

	private static Map<String, String> redis(boolean docker) {
		String host = System.getenv("BOXOFFICE_TEST_REDIS_HOST");
		int port;
		String database = "0";
		if (host != null && !host.isBlank()) {
			port = Integer.parseInt(env("BOXOFFICE_TEST_REDIS_PORT", "6379"));
			database = env("BOXOFFICE_TEST_REDIS_DATABASE", "15");
			log.info("Redis from the environment at {}:{} database {}", host, port, database);
		}
		else if (docker) {
			GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			container.start();
			host = container.getHost();
			port = container.getMappedPort(6379);
			log.info("Redis in a container at {}:{}", host, port);
		}
		else {
			host = "127.0.0.1";
			port = freePort();
			RedisServer server = startEmbeddedRedis(host, port);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.stop();
				}
				catch (IOException failure) {
					log.warn("Embedded Redis did not stop cleanly", failure);
				}
			}));
			log.info("Redis embedded at {}:{}", host, port);
		}
		return Map.of("spring.data.redis.host", host, "spring.data.redis.port", String.valueOf(port),
				"spring.data.redis.database", database);
	}

	private static Map<String, String> kafka(boolean docker) {
		String bootstrap = System.getenv("BOXOFFICE_TEST_KAFKA_BOOTSTRAP");
		if (bootstrap != null && !bootstrap.isBlank()) {
			log.info("Kafka from the environment at {}", bootstrap);
		}
		else if (docker) {
			KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
			container.start();
			kafkaContainer = container;
			bootstrap = container.getBootstrapServers();
			log.info("Kafka in a container at {}", bootstrap);
		}
		else {
			bootstrap = EmbeddedKafka.start(0).getBrokersAsString();
			log.info("Kafka embedded (KRaft) at {}", bootstrap);
		}
		return Map.of("spring.kafka.bootstrap-servers", bootstrap);
	}

	private static RedisServer startEmbeddedRedis(String host, int port) {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind(host)
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return server;
		}
		catch (IOException failure) {
			throw new IllegalStateException("Could not start embedded Redis", failure);
		}
	}

	private static EmbeddedPostgres startEmbeddedPostgres() {
		try {
			return EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
		}
		catch (IOException failure) {
			throw new IllegalStateException("Could not start embedded PostgreSQL", failure);
		}
	}

	private static void recreateDatabase(String host, int port, String user, String password, String database) {
		String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database + " with (force)");
			statement.execute("create database " + database);
		}
		catch (SQLException failure) {
			throw new IllegalStateException("Could not create database " + database + " at " + url, failure);
		}
	}

	private static boolean dockerAvailable() {
		if ("false".equalsIgnoreCase(System.getenv("BOXOFFICE_TEST_DOCKER"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError unavailable) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception failure) {
			log.warn("Could not stop {}", closeable, failure);
		}
	}

}
