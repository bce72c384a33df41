package dev.boxoffice.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The time of Reactor's virtual-time scheduler as a {@link Clock}, so code that reads the
 * clock and code that waits with {@code Mono.delay} agree in a {@code withVirtualTime}
 * test. Starts at a fixed instant.
 */
public final class VirtualClock extends Clock {

	/** What the clock says before any virtual time has passed. */
	public static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

	@Override
	public Instant instant() {
		long millis = VirtualTimeScheduler.isFactoryEnabled() ? VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS)
				: 0;
		return START.plusMillis(millis);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
