package dev.boxoffice.seating;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seat changes (holds, releases, confirmations, cancellations) carried out to their end
 * once asked for, even when their caller goes away: cut off between its Redis script and
 * its announcement, a hold would keep its seats with no live map told; cut off after its
 * commit, a cancellation would leave its seats booked in Redis. A request that arrives as
 * the instance shuts down can lose its connection and so outlive the web server; shutdown
 * waits here for such changes before seat events stop being sent, so they are announced
 * too.
 */
@Component
public class DetachedChanges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DetachedChanges.class);

	private static final Duration WAIT_ON_STOP = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofMillis(10);

	private final LongAdder running = new LongAdder();

	private volatile boolean started;

	/**
	 * {@code change}, run to its end whatever its subscriber does; the subscriber's
	 * context (its request id) still applies.
	 */
	public <T> Mono<T> toTheEnd(Mono<T> change) {
		return Mono.deferContextual((context) -> Mono.fromFuture(() -> {
			this.running.increment();
			return change.contextWrite(context).doFinally((signal) -> this.running.decrement()).toFuture();
		}, true));
	}

	/** How many changes run now. */
	long running() {
		return this.running.sum();
	}

	@Override
	public void start() {
		this.started = true;
	}

	/**
	 * Waits, for a few seconds at most, until no change runs. Called by the context's
	 * shutdown on the thread closing it, never an event loop, so it may sleep.
	 */
	@Override
	public void stop() {
		long deadline = System.nanoTime() + WAIT_ON_STOP.toNanos();
		try {
			while (running() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(POLL.toMillis());
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		if (running() > 0) {
			log.warn("{} seat changes still running after {}; stopping without waiting for them", running(),
					WAIT_ON_STOP);
		}
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/**
	 * Stopped after the web server (stopped at {@code SMART_LIFECYCLE_PHASE - 1024}) and
	 * before seat events ({@code - 2048}).
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1536;
	}

}
