package dev.boxoffice.support;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The containers {@link BackingServices} started, handed to Spring Boot as service
 * connections: Boot derives the R2DBC, Flyway and Kafka connections from the containers
 * themselves. Each bean exists only when its container does (a Docker engine answered and
 * no address was given); without Docker this class adds nothing and the properties alone
 * apply. The containers live as long as the application that declares them, which suits
 * the dev run. Redis stays on the properties: Redisson reads {@code spring.data.redis.*}
 * itself, and a connection only Lettuce knew of would split the two clients.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ContainerConnections {

	@Bean
	@ServiceConnection
	@Conditional(PostgresInContainer.class)
	PostgreSQLContainer postgresContainer() {
		return BackingServices.postgresContainer().orElseThrow();
	}

	@Bean
	@ServiceConnection
	@Conditional(KafkaInContainer.class)
	KafkaContainer kafkaContainer() {
		return BackingServices.kafkaContainer().orElseThrow();
	}

	static final class PostgresInContainer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return BackingServices.postgresContainer().isPresent();
		}

	}

	static final class KafkaInContainer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return BackingServices.kafkaContainer().isPresent();
		}

	}

}
