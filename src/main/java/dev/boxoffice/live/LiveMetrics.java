package dev.boxoffice.live;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

/**
 * The seat streams of this instance: how many are open (the autoscaler's second metric)
 * and how many events they were sent. Events sent staying flat while streams are open and
 * seats change means this instance no longer consumes the seat events.
 */
@Component
class LiveMetrics {

	private final AtomicInteger open = new AtomicInteger();

	private final Counter sent;

	LiveMetrics(MeterRegistry meters) {
		Gauge.builder("boxoffice.seat.streams.open", this.open, AtomicInteger::get)
			.description("Seat streams (Server-Sent Events) open on this instance")
			.register(meters);
		this.sent = Counter.builder("boxoffice.live.events.sent")
			.description("Events written to seat streams")
			.register(meters);
	}

	/**
	 * {@code stream}, counted open while it runs and for each event it sends (snapshots
	 * and changes; keep-alive comments and retry hints are not events).
	 */
	<T> Flux<ServerSentEvent<T>> counted(Flux<ServerSentEvent<T>> stream) {
		return stream.doOnSubscribe((subscription) -> this.open.incrementAndGet()).doOnNext((event) -> {
			if (event.event() != null) {
				this.sent.increment();
			}
		}).doFinally((signal) -> this.open.decrementAndGet());
	}

}
