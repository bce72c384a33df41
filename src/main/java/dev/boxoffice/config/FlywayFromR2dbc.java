package dev.boxoffice.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points Flyway at the database of {@code spring.r2dbc.url} unless
 * {@code spring.flyway.url} is given, so an operator configures one database address, not
 * two that can drift apart.
 */
public class FlywayFromR2dbc implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
		if (r2dbcUrl == null || environment.containsProperty("spring.flyway.url")) {
			return;
		}
		Map<String, Object> derived = new HashMap<>();
		derived.put("spring.flyway.url", jdbcUrl(r2dbcUrl));
		if (!environment.containsProperty("spring.flyway.user")) {
			derived.put("spring.flyway.user", environment.getProperty("spring.r2dbc.username", ""));
		}
		if (!environment.containsProperty("spring.flyway.password")) {
			derived.put("spring.flyway.password", environment.getProperty("spring.r2dbc.password", ""));
		}
		environment.getPropertySources().addLast(new MapPropertySource("flywayFromR2dbc", derived));
	}

	/**
	 * {@code r2dbc:[pool:]postgresql://host:port/db?x=y} becomes
	 * {@code jdbc:postgresql://host:port/db?x=y}.
	 */
	static String jdbcUrl(String r2dbcUrl) {
		if (!r2dbcUrl.startsWith("r2dbc:")) {
			throw new IllegalArgumentException("spring.r2dbc.url must start with r2dbc:");
		}
		String rest = r2dbcUrl.substring("r2dbc:".length());
		if (rest.startsWith("pool:")) {
			rest = rest.substring("pool:".length());
		}
		return "jdbc:" + rest;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
