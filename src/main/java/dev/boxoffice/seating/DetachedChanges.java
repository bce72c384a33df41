package dev.boxoffice.seating;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seat changes (holds, releases, cancellations, leaving a waiting list with an offer)
 * carried out to their end once asked for, even when their caller goes away: cut off
 * between its Redis script and its announcement, a hold would keep its seats with no live
 * map told; cut off after its commit, a cancellation would leave its seats booked in
 * Redis. A request that arrives as the instance shuts down can lose its connection and so
 * outlive the web server; shutdown waits here for such changes before seat events stop
 * being sent, so they are announced too.
 */
@Component
public class DetachedChanges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DetachedChanges.class);

	private static final Duration GRACEFUL_WAIT = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofMillis(10);

	private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

	private volatile boolean started;

	/** How long shutdown waits for changes still running: none when it is immediate. */
	private final Duration waitOnStop;

	public DetachedChanges(@Value("${server.shutdown:graceful}") Shutdown shutdown) {
		this.waitOnStop = (shutdown == Shutdown.IMMEDIATE) ? Duration.ZERO : GRACEFUL_WAIT;
	}

	/**
	 * {@code change}, run to its end whatever its subscriber does; the subscriber's
	 * context (its request id) still applies. A change that shutdown cancels answers
	 * nothing, as a stopped instance would: the web server has stopped by then, and an
	 * error would read as the change's own failure to whoever still listens (the
	 * idempotency key would be let go at once, where a crash leaves it to its lease).
	 */
	public <T> Mono<T> toTheEnd(Mono<T> change) {
		return Mono.deferContextual((context) -> Mono.fromFuture(() -> {
			CompletableFuture<T> future = change.contextWrite(context).toFuture();
			this.running.add(future);
			future.whenComplete((result, failure) -> this.running.remove(future));
			return future;
		}, true)).onErrorResume(CancellationException.class, (stopped) -> Mono.never());
	}

	/** How many changes run now. */
	long running() {
		return this.running.size();
	}

	@Override
	public void start() {
		this.started = true;
	}

	/**
	 * Waits, for a few seconds at most ({@code server.shutdown=graceful}, the default) or
	 * not at all ({@code immediate}), until no change runs, then cancels what still runs:
	 * past this point the connections it needs are being closed, and a change left going
	 * would act for an instance that has stopped (each step it completed stays what a
	 * crash there would leave, which the recovery paths already settle). Called by the
	 * context's shutdown on the thread closing it, never an event loop, so it may sleep.
	 */
	@Override
	public void stop() {
		long deadline = System.nanoTime() + this.waitOnStop.toNanos();
		try {
			while (running() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(POLL.toMillis());
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		if (running() > 0) {
			log.warn("{} seat changes still running after {}; cancelling them", running(), this.waitOnStop);
			this.running.forEach((change) -> change.cancel(true));
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
