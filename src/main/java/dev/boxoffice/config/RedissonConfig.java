package dev.boxoffice.config;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Redisson, the plain client, for what its distributed objects do well (rate limiters,
 * leased semaphores, locks). It reads the same {@code spring.data.redis.*} settings as
 * Lettuce, so both talk to one Redis and one database, and it is kept small: a few
 * connections and threads, since each of its calls is one script on the server.
 */
@Configuration(proxyBeanMethods = false)
class RedissonConfig {

	/**
	 * Where Redisson completes its futures: plain threads of our own. Its default pool
	 * makes Netty threads, which count as event loops, so an idle one waiting for work
	 * would look like a blocked event loop.
	 */
	@Bean(destroyMethod = "shutdown")
	ExecutorService redissonCallbacks() {
		return Executors.newFixedThreadPool(2, new CustomizableThreadFactory("redisson-callbacks-"));
	}

	@Bean(destroyMethod = "shutdown")
	RedissonClient redisson(DataRedisProperties redis, ExecutorService redissonCallbacks) {
		Config config = new Config();
		config.setNettyThreads(4).setExecutor(redissonCallbacks);
		SingleServerConfig server = config.useSingleServer()
			.setAddress(((redis.getSsl() != null && redis.getSsl().isEnabled()) ? "rediss://" : "redis://")
					+ redis.getHost() + ":" + redis.getPort())
			.setDatabase(redis.getDatabase())
			.setConnectionPoolSize(8)
			.setConnectionMinimumIdleSize(2)
			.setSubscriptionConnectionPoolSize(2)
			.setSubscriptionConnectionMinimumIdleSize(1);
		Duration timeout = redis.getTimeout();
		if (timeout != null) {
			server.setTimeout((int) timeout.toMillis());
		}
		if (redis.getUsername() != null) {
			server.setUsername(redis.getUsername());
		}
		if (redis.getPassword() != null) {
			server.setPassword(redis.getPassword());
		}
		return Redisson.create(config);
	}

	@Bean
	RedissonReactiveClient redissonReactive(RedissonClient redisson) {
		return redisson.reactive();
	}

}
