package dev.boxoffice.seating.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.seating.SeatChange;
import dev.boxoffice.seating.SeatChangeCodec;
import dev.boxoffice.seating.SeatEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seating's side of the broker: holds and releases go to {@code boxoffice.seat-events}.
 * Changes queue in one bounded queue; whenever no send is under way, everything queued (a
 * batch at most) goes out in one send, in order. So a change arriving at a quiet moment
 * is sent at once, and under load the changes that arrive during one send make up the
 * next: batching without a timer. Reactor's {@code bufferTimeout} with fair backpressure
 * did this with a timer and, when a change arrived just as a batch went out, could leave
 * it waiting until the batch filled. Any number of threads add at once without waiting
 * for each other. When the broker cannot keep up and the queue is full, a change is
 * dropped and counted ({@code boxoffice.seat.events.dropped}) rather than piling up in
 * memory: live maps converge on their next snapshot. On shutdown what is queued is sent
 * before the instance stops.
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

	private static final Duration DRAIN_ON_STOP = Duration.ofSeconds(5);

	/**
	 * How long a change waits for the broker's acknowledgement before it goes on
	 * regardless: a slow broker delays holds by this much at most.
	 */
	static final Duration ACK_WAIT = Duration.ofMillis(500);

	private final EventTransport transport;

	private final Counter dropped;

	private final Counter failed;

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	/** Changes in the queue: counted apart, as the queue's own size() walks it. */
	private final AtomicInteger queued = new AtomicInteger();

	/**
	 * Drain requests not yet looked at: whoever raises it from zero drains, on its own
	 * thread, until there are none left; the others only leave their request behind.
	 */
	private final AtomicInteger drainRequests = new AtomicInteger();

	/** A send is under way: the next waits for it, which keeps changes in order. */
	private volatile boolean sending;

	/** The last send failed: changes do not wait for a broker that is away. */
	private volatile boolean failing;

	private volatile boolean open;

	/** Counted down once the instance stops and the queue is empty. */
	private volatile CountDownLatch drained = new CountDownLatch(1);

	BrokerSeatEvents(EventTransport transport, MeterRegistry meters) {
		this.transport = transport;
		this.dropped = Counter.builder("boxoffice.seat.events.dropped")
			.description("Seat changes not sent because the send queue was full")
			.register(meters);
		this.failed = Counter.builder("boxoffice.seat.events.failed")
			.description("Seat changes the broker did not acknowledge")
			.register(meters);
		Gauge.builder("boxoffice.seat.events.queued", this.queued, AtomicInteger::get)
			.description("Seat changes waiting to be sent to the broker")
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
		if (!this.open) {
			this.dropped.increment();
			return false;
		}
		if (this.queued.incrementAndGet() > CAPACITY) {
			this.queued.decrementAndGet();
			this.dropped.increment();
			return false;
		}
		this.queue.offer(change);
		drain();
		return true;
	}

	/**
	 * Starts the next send if none is under way. A loop, not a recursion: a send that
	 * completes at once asks for the next through {@link #drainRequests}, and this loop
	 * picks it up.
	 */
	private void drain() {
		if (this.drainRequests.getAndIncrement() != 0) {
			return;
		}
		int requests = 1;
		do {
			if (!this.sending) {
				List<Pending> batch = takeBatch();
				if (!batch.isEmpty()) {
					this.sending = true;
					send(batch).subscribe();
				}
				else if (!this.open) {
					this.drained.countDown();
				}
			}
			requests = this.drainRequests.addAndGet(-requests);
		}
		while (requests != 0);
	}

	private List<Pending> takeBatch() {
		List<Pending> batch = new ArrayList<>();
		Pending next;
		while (batch.size() < BATCH && (next = this.queue.poll()) != null) {
			batch.add(next);
		}
		this.queued.addAndGet(-batch.size());
		return batch;
	}

	private Mono<Void> send(List<Pending> batch) {
		// Deferred: a transport that throws instead of failing its Mono is a failed send.
		return Mono.defer(() -> this.transport.send(outgoing(batch)))
			.doOnSuccess((sent) -> this.failing = false)
			.onErrorResume((failure) -> {
				this.failing = true;
				this.failed.increment(batch.size());
				log.warn("{} seat changes were not published; live maps converge on their next snapshot: {}",
						batch.size(), failure.toString());
				return Mono.empty();
			})
			.doFinally((signal) -> {
				batch.forEach((pending) -> pending.acknowledged().tryEmitEmpty());
				this.sending = false;
				drain();
			});
	}

	private static List<OutgoingEvent> outgoing(List<Pending> batch) {
		return batch.stream()
			.map((pending) -> new OutgoingEvent(Topics.SEAT_EVENTS, pending.change().showId().toString(),
					SeatChangeCodec.encode(pending.change(), UUID.randomUUID())))
			.toList();
	}

	@Override
	public synchronized void start() {
		if (this.open) {
			return;
		}
		this.drained = new CountDownLatch(1);
		this.open = true;
	}

	/** Sends what is queued, for up to a few seconds, then stops. */
	@Override
	public synchronized void stop() {
		if (!this.open) {
			return;
		}
		this.open = false;
		drain();
		try {
			if (!this.drained.await(DRAIN_ON_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("{} seat changes still queued after {}; stopping without them", this.queued.get(),
						DRAIN_ON_STOP);
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.open;
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
