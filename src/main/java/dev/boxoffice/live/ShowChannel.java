package dev.boxoffice.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.live.SeatChangeEvent.Change;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live changes of one watched show on this instance: one shared stream, however many
 * subscribers, coalesced into one event per window, with the recent events kept so a
 * client that reconnects can be given exactly what it missed.
 */
final class ShowChannel {

	/** How many recent events are kept for resumption; older gaps get a new snapshot. */
	static final int KEPT = 512;

	private final UUID showId;

	/** Every change after this broker position has been seen by this channel. */
	private final long completeAfter;

	private final Sinks.Many<Positioned> incoming = Sinks.many().multicast().directBestEffort();

	private final Deque<SeatChangeEvent> recent = new ArrayDeque<>();

	private final Flux<SeatChangeEvent> events;

	private final JsonMapper json;

	private long oldestKept = Long.MAX_VALUE;

	private volatile long lastPosition;

	ShowChannel(UUID showId, long completeAfter, Duration window, Duration linger, JsonMapper json, Runnable onIdle) {
		this.showId = showId;
		this.json = json;
		this.completeAfter = completeAfter;
		this.lastPosition = completeAfter;
		this.events = this.incoming.asFlux()
			.bufferTimeout(1024, window)
			.filter((batch) -> !batch.isEmpty())
			.map(this::coalesce)
			.doOnNext(this::keep)
			.doFinally((signal) -> onIdle.run())
			.publish()
			.refCount(1, linger);
	}

	UUID showId() {
		return this.showId;
	}

	/** Called by the one thread that consumes seat events, in broker order. */
	void accept(long position, List<Change> changes) {
		this.lastPosition = Math.max(this.lastPosition, position);
		this.incoming.tryEmitNext(new Positioned(position, changes));
	}

	Flux<SeatChangeEvent> events() {
		return this.events;
	}

	long lastPosition() {
		return this.lastPosition;
	}

	/**
	 * The events after {@code lastEventId}, or null when some of them were never seen or
	 * are gone.
	 */
	synchronized List<SeatChangeEvent> since(long lastEventId) {
		if (lastEventId < this.completeAfter
				|| (!this.recent.isEmpty() && lastEventId < this.oldestKept - 1 && this.recent.size() == KEPT)) {
			return null;
		}
		List<SeatChangeEvent> missed = new ArrayList<>();
		for (SeatChangeEvent event : this.recent) {
			if (event.id() > lastEventId) {
				missed.add(event);
			}
		}
		return missed;
	}

	void close() {
		this.incoming.tryEmitComplete();
	}

	private synchronized void keep(SeatChangeEvent event) {
		this.recent.addLast(event);
		if (this.recent.size() > KEPT) {
			this.recent.removeFirst();
		}
		this.oldestKept = this.recent.peekFirst().id();
	}

	/**
	 * Later changes of a seat replace earlier ones: a subscriber needs the outcome, in
	 * order.
	 */
	private SeatChangeEvent coalesce(List<Positioned> batch) {
		Map<String, String> latest = new LinkedHashMap<>();
		long id = Long.MIN_VALUE;
		for (Positioned positioned : batch) {
			id = Math.max(id, positioned.position());
			for (Change change : positioned.changes()) {
				latest.remove(change.seatId());
				latest.put(change.seatId(), change.status());
			}
		}
		List<Change> changes = new ArrayList<>(latest.size());
		latest.forEach((seat, status) -> changes.add(new Change(seat, status)));
		return new SeatChangeEvent(id, changes, this.json.writeValueAsString(Map.of("changes", changes)));
	}

	private record Positioned(long position, List<Change> changes) {
	}

}
