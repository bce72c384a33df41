package dev.boxoffice.live;

import dev.boxoffice.catalog.ShowNotFound;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.seating.SeatMaps;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /shows/{id}/seats/stream}: a {@code snapshot} of the seat map, then
 * {@code seats} events as seats change on any instance. Every event has an id (a broker
 * position); a client that reconnects with {@code Last-Event-ID} gets the events it
 * missed, or a fresh snapshot when they are no longer known here.
 */
@RestController
class SeatStreamController {

	static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

	/**
	 * Events a slow subscriber may fall behind by; past that its stream ends and it
	 * reconnects.
	 */
	static final int SUBSCRIBER_BUFFER = 256;

	private final SeatFeed feed;

	private final SeatMaps seatMaps;

	private final CatalogLookup catalog;

	private final StreamSlots slots;

	private final LiveMetrics metrics;

	SeatStreamController(SeatFeed feed, SeatMaps seatMaps, CatalogLookup catalog, StreamSlots slots,
			LiveMetrics metrics) {
		this.feed = feed;
		this.seatMaps = seatMaps;
		this.catalog = catalog;
		this.slots = slots;
		this.metrics = metrics;
	}

	@GetMapping(path = "/api/v1/shows/{showId}/seats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ApiResponse(responseCode = "200", description = "A snapshot event, then seats events")
	@ApiResponse(responseCode = "429", description = "RATE_LIMITED, or this address has too many seat streams open")
	Flux<ServerSentEvent<Object>> stream(@PathVariable UUID showId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, ServerHttpRequest request,
			ServerHttpResponse response) {
		// Proxies such as nginx must pass events through at once.
		response.getHeaders().set("X-Accel-Buffering", "no");
		response.getHeaders().setCacheControl("no-cache");
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)))
			.flatMapMany((show) -> this.slots.withSlot(clientOf(request),
					changes(showId, parse(lastEventId)).transform(this.metrics::counted)));
	}

	/**
	 * The stream of a show. When the server ends it (this instance is shutting down or
	 * has not joined the seat events yet, or the subscriber fell too far behind) its last
	 * word is a {@code retry} hint: the client reconnects after it, with its
	 * {@code Last-Event-ID}, to whichever instance answers, and resumes where it was.
	 */
	private Flux<ServerSentEvent<Object>> changes(UUID showId, Long lastEventId) {
		return Flux.defer(() -> {
			if (this.feed.isStopping() || !this.feed.isAssigned()) {
				// No change reaches this instance any more, or none yet (its feed has not
				// joined Kafka: a snapshot now would miss the changes made before it
				// does): the client goes elsewhere, or comes back after the retry hint.
				return Flux.just(goodbye());
			}
			ShowChannel channel = this.feed.channel(showId);
			// Subscribe to live changes before reading the snapshot, so nothing
			// falls between.
			Sinks.Many<SeatChangeEvent> pending = Sinks.many()
				.unicast()
				.onBackpressureBuffer(Queues.<SeatChangeEvent>get(SUBSCRIBER_BUFFER).get());
			var live = channel.events().subscribe((event) -> {
				if (pending.tryEmitNext(event).isFailure()) {
					pending.tryEmitError(new IllegalStateException("subscriber too slow"));
				}
			}, pending::tryEmitError, pending::tryEmitComplete);
			List<SeatChangeEvent> missed = (lastEventId != null && lastEventId <= knownPosition(showId, channel))
					? channel.since(lastEventId) : null;
			Mono<Head> head = (missed != null) ? Mono.just(replay(lastEventId, missed)) : snapshot(showId, channel);
			Flux<ServerSentEvent<Object>> events = head
				.flatMapMany((start) -> start.events()
					.concatWith(pending.asFlux()
						.filter((event) -> event.id() > start.position())
						.map(SeatStreamController::seats)))
				// A subscriber that fell too far behind is ended; it reconnects
				// and resumes.
				.onErrorResume(IllegalStateException.class, (tooSlow) -> Flux.empty())
				.concatWith(Mono.fromSupplier(SeatStreamController::goodbye))
				.doFinally((signal) -> live.dispose());
			// Keep-alive comments for as long as there are events to come, and not after
			// the last one: the response ends with the events.
			return events.publish((shared) -> Flux.merge(shared, keepAlive().takeUntilOther(shared.then())));
		});
	}

	/**
	 * The show's current seat map (shared with every request while its version stands),
	 * then what the channel kept after the position read before it. The position is read
	 * first, so the snapshot already holds every change up to it; changes after it are
	 * replayed, and one already in the snapshot is replayed harmlessly (same status).
	 */
	private Mono<Head> snapshot(UUID showId, ShowChannel channel) {
		return Mono.defer(() -> {
			long position = Math.max(channel.lastPosition(), this.feed.positionOf(showId));
			return this.seatMaps.current(showId).map((snapshot) -> {
				List<SeatChangeEvent> since = channel.since(position);
				ServerSentEvent<Object> event = ServerSentEvent.<Object>builder(snapshot.jsonText())
					.id(Long.toString(position))
					.event("snapshot")
					.retry(retryDelay())
					.build();
				Head changes = replay(position, (since != null) ? since : List.of());
				return new Head(changes.position(), Flux.just(event).concatWith(changes.events()));
			});
		});
	}

	/**
	 * The furthest position this instance can vouch for. An id beyond it was never given
	 * out here: it comes from an earlier broker (ids restart with a new topic) or is made
	 * up, and resuming from it would skip every change until the ids caught up with it.
	 */
	private long knownPosition(UUID showId, ShowChannel channel) {
		return Math.max(channel.lastPosition(), this.feed.positionOf(showId));
	}

	private static Head replay(long from, List<SeatChangeEvent> missed) {
		long position = missed.isEmpty() ? from : missed.get(missed.size() - 1).id();
		return new Head(position, Flux.fromIterable(missed).map(SeatStreamController::seats));
	}

	/**
	 * The data is already JSON (a String is written as is), made once for all
	 * subscribers.
	 */
	private static ServerSentEvent<Object> seats(SeatChangeEvent event) {
		return ServerSentEvent.<Object>builder(event.data()).id(Long.toString(event.id())).event("seats").build();
	}

	/**
	 * The last thing a stream the server ends says: when to reconnect. No event name and
	 * no data, so a browser's EventSource dispatches nothing and only takes the delay.
	 */
	private static ServerSentEvent<Object> goodbye() {
		return ServerSentEvent.builder().comment(" reconnect").retry(retryDelay()).build();
	}

	/** Jitter spreads the reconnections of every client after an instance goes away. */
	private static Duration retryDelay() {
		return Duration.ofMillis(2_000 + ThreadLocalRandom.current().nextInt(3_000));
	}

	private static Flux<ServerSentEvent<Object>> keepAlive() {
		return Flux.interval(KEEP_ALIVE).map((tick) -> ServerSentEvent.builder().comment(" keep-alive").build());
	}

	/** The client's address, as resolved from trusted proxies. */
	private static String clientOf(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	private static Long parse(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(lastEventId.trim());
		}
		catch (NumberFormatException unknown) {
			return null;
		}
	}

	private record Head(long position, Flux<ServerSentEvent<Object>> events) {
	}

}
