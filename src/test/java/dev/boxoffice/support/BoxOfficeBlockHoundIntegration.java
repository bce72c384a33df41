package dev.boxoffice.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few calls BlockHound reports that do not block in practice. Every entry needs a
 * reason: an allowance is a claim that a thread will not wait. Every call it does report
 * is also kept (see {@link BlockingCalls}), so a test fails on one that happened on a
 * background thread whose error nobody saw.
 */
public class BoxOfficeBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.blockingMethodCallback((method) -> {
			BlockingCalls.seen(method);
			throw new BlockingOperationError(method);
		});
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
		// The first compressed answer a test's HTTP client decodes makes Netty look for
		// zstd (Kafka's client brings the library): once per JVM, its class initializer
		// reads the native library from its jar on that event loop.
		builder.allowBlockingCallsInside("io.netty.handler.codec.compression.Zstd", "<clinit>");
		// Cancelling a periodic task (a seat stream's keep-alive interval, cancelled on
		// the event loop when its client leaves) removes it from its worker's queue
		// under the queue's lock, held for a heap update only: the wait Reactor already
		// allows for one-off tasks (WorkerTask, SchedulerTask), not for periodic ones.
		// On JDK 17 the error BlockHound throws from inside that wait leaves the lock's
		// queue broken, and the parallel worker behind it never runs a delay again.
		builder.allowBlockingCallsInside("reactor.core.scheduler.PeriodicWorkerTask", "dispose");
		builder.allowBlockingCallsInside("reactor.core.scheduler.InstantPeriodicWorkerTask", "dispose");
		builder.allowBlockingCallsInside("reactor.core.scheduler.PeriodicSchedulerTask", "dispose");
	}

}
