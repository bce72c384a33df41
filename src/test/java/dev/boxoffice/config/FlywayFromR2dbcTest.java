package dev.boxoffice.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FlywayFromR2dbcTest {

	private final FlywayFromR2dbc processor = new FlywayFromR2dbc();

	@Test
	void flywayUsesTheR2dbcDatabaseAndCredentials() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.r2dbc.url", "r2dbc:postgresql://db.internal:6543/boxoffice?sslmode=require")
			.withProperty("spring.r2dbc.username", "app")
			.withProperty("spring.r2dbc.password", "secret");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db.internal:6543/boxoffice?sslmode=require");
		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("app");
		assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("secret");
	}

	@Test
	void anExplicitFlywayUrlWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.r2dbc.url", "r2dbc:postgresql://a/b")
			.withProperty("spring.flyway.url", "jdbc:postgresql://migrations/b");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://migrations/b");
	}

	@Test
	void aPooledR2dbcUrlLosesItsPoolPrefix() {
		assertThat(FlywayFromR2dbc.jdbcUrl("r2dbc:pool:postgresql://h:1/d")).isEqualTo("jdbc:postgresql://h:1/d");
		assertThatIllegalArgumentException().isThrownBy(() -> FlywayFromR2dbc.jdbcUrl("jdbc:postgresql://h/d"));
	}

}
