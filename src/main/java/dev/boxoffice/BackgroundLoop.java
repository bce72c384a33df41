package dev.boxoffice;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * A job this instance runs in the background for as long as it runs: started with the
 * application, stopped before it shuts down, and started again with backoff whenever it
 * fails, so a bad moment (a broker away, a database restart) never ends it. Either a step
 * repeated with a pause between steps, or a stream (a consumer) that is subscribed again
 * after an error.
 */
public final class BackgroundLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private final String name;

	private final Supplier<Flux<?>> work;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	private volatile Runnable whenStopping = () -> {
	};

	private volatile Disposable running;

	private BackgroundLoop(String name, Supplier<Flux<?>> work, Duration firstBackoff, Duration maxBackoff) {
		this.name = name;
		this.work = work;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Runs {@code step} again and again: at once when it says more work is waiting
	 * ({@code true}), after {@code pause} otherwise.
	 */
	public static BackgroundLoop repeating(String name, Duration pause, Supplier<Mono<Boolean>> step,
			Duration maxBackoff) {
		return new BackgroundLoop(name,
				() -> Mono.defer(step)
					.flatMap((more) -> more ? Mono.just(true) : Mono.delay(pause).thenReturn(false))
					.repeat(),
				pause, maxBackoff);
	}

	/** Consumes {@code stream} for ever; after an error, subscribes to it again. */
	public static BackgroundLoop consuming(String name, Supplier<Flux<?>> stream, Duration firstBackoff,
			Duration maxBackoff) {
		return new BackgroundLoop(name, stream, firstBackoff, maxBackoff);
	}

	/** Something to do first when the loop stops, such as ending the streams it feeds. */
	public BackgroundLoop whenStopping(Runnable action) {
		this.whenStopping = action;
		return this;
	}

	/**
	 * The loop as a stream, restarted after errors, as {@link #start()} runs it; tests
	 * drive it in virtual time.
	 */
	public Flux<?> flux() {
		return Flux.defer(() -> this.work.get())
			.doOnError((failure) -> log.warn("{} failed; starting again after a backoff: {}", this.name,
					failure.toString()))
			// Transient: a success resets the backoff, so one outage never leaves a long
			// wait behind it.
			.retryWhen(
					Retry.backoff(Long.MAX_VALUE, this.firstBackoff).maxBackoff(this.maxBackoff).transientErrors(true));
	}

	@Override
	public synchronized void start() {
		if (this.running == null) {
			this.running = flux().subscribe();
		}
	}

	@Override
	public synchronized void stop() {
		this.whenStopping.run();
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
