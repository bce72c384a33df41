package dev.boxoffice.seating.broker;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.seating.SeatChange;
import dev.boxoffice.seating.SeatChangeCodec;
import dev.boxoffice.seating.SeatEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seating's side of the broker: holds and releases go to {@code boxoffice.seat-events}.
 * Changes queue in one bounded buffer that a single drainer sends in batches, in order.
 * Any number of threads add to it at once without waiting for each other: a change added
 * while another thread is handing changes on is left for that thread to hand on (a
 * {@link FluxSink}), where an emitting sink would refuse it and the caller, often an
 * event loop, would have to spin until the other thread is done. When the broker cannot
 * keep up and the buffer is full, a change is dropped and counted
 * ({@code boxoffice.seat.events.dropped}) rather than piling up in memory: live maps
 * converge on their next snapshot. On shutdown what is queued is sent before the instance
 * stops.
 * <p>
 * A change is published once the broker has acknowledged it (for {@link #ACK_WAIT} at
 * most, and not at all while the broker is failing): the answer to a hold then means its
 * event is on the broker, so the booking that follows, announced by the outbox relay of
 * any instance, lands after it. Without that wait a hold's event still queued here could
 * land after its seats' booking, and every live map would show the booked seats as held.
 */
@Component
class BrokerSeatEvents implements SeatEvents, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BrokerSeatEvents.class);

	static final int CAPACITY = 8192;

	private static final int BATCH = 256;

	private static final Duration LINGER = Duration.ofMillis(5);

	private static final Duration DRAIN_ON_STOP = Duration.ofSeconds(5);

	/**
	 * How long a change waits for the broker's acknowledgement before it goes on
	 * regardless: a slow broker delays holds by this much at most.
	 */
	static final Duration ACK_WAIT = Duration.ofMillis(500);

	private final EventTransport transport;

	private final Counter dropped;

	private final Counter failed;

	private volatile FluxSink<Pending> pending;

	/** Changes added and not yet taken by the drainer: the buffer's fill. */
	private final AtomicInteger queued = new AtomicInteger();

	/** The last send failed: changes do not wait for a broker that is away. */
	private volatile boolean failing;

	private volatile Disposable draining;

	private volatile CountDownLatch drained;

	BrokerSeatEvents(EventTransport transport, MeterRegistry meters) {
		this.transport = transport;
		this.dropped = Counter.builder("boxoffice.seat.events.dropped")
			.description("Seat changes not sent because the send buffer was full")
			.register(meters);
		this.failed = Counter.builder("boxoffice.seat.events.failed")
			.description("Seat changes the broker did not acknowledge")
			.register(meters);
	}

	/** Completes once the broker acknowledged the change, or could not be waited for. */
	@Override
	public Mono<Void> publish(SeatChange change) {
		return Mono.defer(() -> {
			Pending pending = new Pending(change, Sinks.empty());
			if (!offer(pending) || this.failing) {
				return Mono.empty();
			}
			// Whatever follows runs off the broker client's thread.
			return pending.acknowledged().asMono().timeout(ACK_WAIT, Mono.empty()).publishOn(Schedulers.parallel());
		});
	}

	private boolean offer(Pending change) {
		FluxSink<Pending> sink = this.pending;
		if (sink == null || this.queued.incrementAndGet() > CAPACITY) {
			if (sink != null) {
				this.queued.decrementAndGet();
			}
			this.dropped.increment();
			return false;
		}
		sink.next(change);
		return true;
	}

	@Override
	public synchronized void start() {
		if (this.draining != null) {
			return;
		}
		CountDownLatch done = new CountDownLatch(1);
		this.queued.set(0);
		AtomicReference<FluxSink<Pending>> sink = new AtomicReference<>();
		// Subscribing creates the sink at once, so it is set when subscribe() returns.
		this.draining = Flux.<Pending>create(sink::set, FluxSink.OverflowStrategy.BUFFER)
			.doOnNext((taken) -> this.queued.decrementAndGet())
			.bufferTimeout(BATCH, LINGER, true)
			.concatMap(this::send, 1)
			.doFinally((signal) -> done.countDown())
			.subscribe();
		this.drained = done;
		this.pending = sink.get();
	}

	private Mono<Void> send(List<Pending> batch) {
		List<OutgoingEvent> events = batch.stream()
			.map((pending) -> new OutgoingEvent(Topics.SEAT_EVENTS, pending.change().showId().toString(),
					SeatChangeCodec.encode(pending.change(), UUID.randomUUID())))
			.toList();
		return this.transport.send(events).doOnSuccess((sent) -> this.failing = false).onErrorResume((failure) -> {
			this.failing = true;
			this.failed.increment(batch.size());
			log.warn("{} seat changes were not published; live maps converge on their next snapshot: {}", batch.size(),
					failure.toString());
			return Mono.empty();
		}).doFinally((signal) -> batch.forEach((pending) -> pending.acknowledged().tryEmitEmpty()));
	}

	/** Sends what is queued, for up to a few seconds, then stops. */
	@Override
	public synchronized void stop() {
		FluxSink<Pending> sink = this.pending;
		if (sink == null) {
			return;
		}
		this.pending = null;
		sink.complete();
		try {
			if (!this.drained.await(DRAIN_ON_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Seat changes still queued after {}; stopping without them", DRAIN_ON_STOP);
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		this.draining.dispose();
		this.draining = null;
	}

	@Override
	public boolean isRunning() {
		return this.draining != null;
	}

	/**
	 * Started before the web server takes requests and stopped only after its graceful
	 * shutdown has answered the last one (Spring stops higher phases first): a hold made
	 * while the instance drains is still announced, so no live map misses it.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
	}

	/** A change, and the signal that the broker has it (or will not get it). */
	private record Pending(SeatChange change, Sinks.Empty<Void> acknowledged) {
	}

}
