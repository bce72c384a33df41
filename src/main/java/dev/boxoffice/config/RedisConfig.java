package dev.boxoffice.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
class RedisConfig {

	/**
	 * Lettuce completes every reply on the I/O thread of its one shared connection, so by
	 * default everything a request does after a Redis call (picking best seats, writing
	 * the 409, the next database call) runs on that single thread, and under a flash sale
	 * the replies of other requests queue behind it until their command time-out fires.
	 * Emitting on Lettuce's computation threads keeps the I/O thread decoding replies.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer repliesOffTheIoThread() {
		return (options) -> options.publishOnScheduler(true);
	}

	/**
	 * Lettuce opens its shared, multiplexed connection lazily, and opening it waits for
	 * the TCP handshake: done on first use, that wait would land on an event-loop thread.
	 * Opened eagerly, it happens once on the start-up thread; afterwards Lettuce
	 * reconnects the same connection in the background after a Redis restart.
	 */
	@Bean
	static BeanPostProcessor eagerLettuceConnection() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof LettuceConnectionFactory factory) {
					factory.setEagerInitialization(true);
				}
				return bean;
			}
		};
	}

}
