package dev.boxoffice.config;

import io.r2dbc.pool.ConnectionPool;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConnectionPoolConfig {

	/**
	 * Spring Boot's connection pool, behind {@link CancelSafeConnections}; Boot's pool
	 * metrics and health still find the pool through it.
	 */
	@Bean
	static BeanPostProcessor cancelSafeConnectionPool() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof ConnectionPool pool) ? new CancelSafeConnections(pool) : bean;
			}
		};
	}

}
