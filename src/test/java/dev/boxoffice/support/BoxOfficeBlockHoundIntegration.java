package dev.boxoffice.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few calls BlockHound reports that do not block in practice. Every entry needs a
 * reason: an allowance is a claim that a thread will not wait.
 */
public class BoxOfficeBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// SecureRandom (UUIDs, BCrypt salts) reads /dev/urandom, which never blocks on
		// Linux once the kernel is seeded; BlockHound only sees a FileInputStream read.
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "ensureBufferValid");
		// Lettuce counts writers on its shared connection under a ReentrantLock held for
		// a counter update only; under contention a writer parks for nanoseconds, it
		// never waits for I/O (redis/lettuce#2510).
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
		// Spring Data Redis looks up the shared reactive connection under a lock on every
		// command; the connection is opened eagerly at start-up (RedisConfig), so the
		// lock guards a field read and never waits for the network.
		builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"getReactiveConnection");
		// Jackson builds a deserializer for a type once, under a lock, then caches it:
		// two first requests for one type at the same instant wait for CPU work, never
		// for I/O.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// Hibernate Validator likewise builds a type's constraint metadata on its first
		// validation and caches it under a segment lock: the first requests of one
		// type on two event loops at once (a fresh instance under load) wait for CPU
		// work only.
		builder.allowBlockingCallsInside("org.hibernate.validator.internal.metadata.BeanMetaDataManagerImpl",
				"getBeanMetaData");
		// Redisson registers every command's future in a list under a ReentrantLock held
		// for the list update only; under contention a caller parks for nanoseconds,
		// never for I/O.
		builder.allowBlockingCallsInside("org.redisson.misc.WrappedLock", "execute");
		// Netty's adaptive buffer allocator (the default since 4.2) takes a StampedLock
		// when it grows its magazines under contention: a short critical section over its
		// own arrays, never I/O.
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
	}

}
