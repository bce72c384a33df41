package dev.boxoffice.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.boxoffice.BoxOfficeApplication;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A full-stack test: the real service on a random port against real PostgreSQL and Redis
 * (see {@link BackingServices}), with every table and Redis key wiped before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import({ TestData.class, TestClock.Config.class })
// Tests race hundreds of clients from one address: the fair-use limits are tested on
// their own (FairUseApiTest), whose @DynamicPropertySource outranks these.
@TestPropertySource(properties = { "boxoffice.rate.limits-enabled=false", "boxoffice.live.max-streams-per-client=0",
		"management.server.port=0" })
public abstract class ApiTest {

	public static final String ADMIN_EMAIL = "admin@boxoffice.test";

	public static final String ADMIN_PASSWORD = "admin-password-1";

	@Autowired
	protected WebTestClient client;

	@Autowired
	protected TestData data;

	@Autowired
	protected TestClock clock;

	@DynamicPropertySource
	static void backingServices(DynamicPropertyRegistry registry) {
		BackingServices.properties("boxoffice_test").forEach((name, value) -> registry.add(name, () -> value));
		registry.add("boxoffice.jwt.secret", () -> "test-secret-that-is-at-least-32-bytes-long");
		registry.add("boxoffice.admin.email", () -> ADMIN_EMAIL);
		registry.add("boxoffice.admin.password", () -> ADMIN_PASSWORD);
	}

	/**
	 * Another instance of the service on the same PostgreSQL, Redis and Kafka, as in a
	 * deployment of several; close it when done. {@code overrides} are settings of this
	 * test class it shares (and any of its own).
	 */
	protected static ConfigurableApplicationContext secondInstance(Map<String, String> overrides) {
		Map<String, Object> properties = new HashMap<>(BackingServices.properties("boxoffice_test"));
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("boxoffice.jwt.secret", "test-secret-that-is-at-least-32-bytes-long");
		properties.put("spring.flyway.enabled", "false");
		properties.put("boxoffice.rate.limits-enabled", "false");
		properties.put("boxoffice.live.max-streams-per-client", "0");
		properties.putAll(overrides);
		// As command-line arguments, which outrank application.yml like the environment
		// does.
		return new SpringApplicationBuilder(BoxOfficeApplication.class, OwnNettyResources.class)
			.run(properties.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new));
	}

	/**
	 * Netty event loops and connections of its own, as a separate process has. By default
	 * every instance in this JVM would share Reactor Netty's global ones, and closing one
	 * instance would dispose them under the other instance's server and the test's
	 * clients: their open connections would be cut, which no real shutdown does.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		}

	}

	/** A client of another instance started by {@link #secondInstance}. */
	protected static WebClient http(ConfigurableApplicationContext instance) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(CONNECTIONS)))
			.build();
	}

	/** Enough connections for the races: every client really is in flight at once. */
	private static final ConnectionProvider CONNECTIONS = ConnectionProvider.builder("racers")
		.maxConnections(1000)
		.pendingAcquireMaxCount(-1)
		.build();

	@LocalServerPort
	private int port;

	/**
	 * Where the running service listens, for URIs that must be sent exactly as written.
	 */
	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * A plain non-blocking HTTP client to the running service, for many requests in
	 * parallel.
	 */
	protected WebClient http() {
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(CONNECTIONS)))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
	}

	@BeforeEach
	void cleanData() {
		this.clock.reset();
		this.data.wipe();
		this.client = this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

}
