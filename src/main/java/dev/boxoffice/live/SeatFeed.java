package dev.boxoffice.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.IncomingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.live.SeatChangeEvent.Change;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's one consumer of {@code boxoffice.seat-events}, in a consumer group of
 * its own so every instance sees every change, whichever instance made it. It hands each
 * change to the channel of its show, if anyone here watches that show; otherwise the
 * change costs a map lookup.
 */
@Component
class SeatFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SeatFeed.class);

	static final Duration WINDOW = Duration.ofMillis(250);

	/**
	 * A show stays subscribed this long after its last watcher left, for quick
	 * reconnects.
	 */
	static final Duration LINGER = Duration.ofSeconds(30);

	private final EventTransport transport;

	private final JsonMapper json;

	/**
	 * The topic's partition count, learnt from the assignment (this group gets them all).
	 */
	private volatile int partitions;

	static final int MAX_PARTITIONS = 1024;

	private final String group = "boxoffice-live-" + UUID.randomUUID();

	private final Map<UUID, ShowChannel> channels = new ConcurrentHashMap<>();

	/** The last broker position consumed per partition, -1 until known. */
	private final AtomicLongArray positions;

	private final AtomicBoolean warnedAboutPartitions = new AtomicBoolean();

	private volatile Disposable running;

	SeatFeed(EventTransport transport, JsonMapper json) {
		this.transport = transport;
		this.json = json;
		this.positions = new AtomicLongArray(MAX_PARTITIONS);
		for (int i = 0; i < MAX_PARTITIONS; i++) {
			this.positions.set(i, -1);
		}
	}

	/** The channel of a show, made when its first watcher arrives. */
	ShowChannel channel(UUID showId) {
		return this.channels.computeIfAbsent(showId, (id) -> {
			ShowChannel[] made = new ShowChannel[1];
			made[0] = new ShowChannel(id, positionOf(id), WINDOW, LINGER, this.json,
					() -> this.channels.remove(id, made[0]));
			return made[0];
		});
	}

	/**
	 * The broker position up to which this instance has seen the show's changes, or -1
	 * before the feed knows its partitions.
	 */
	long positionOf(UUID showId) {
		int count = this.partitions;
		return (count == 0) ? -1 : this.positions.get(partitionOf(showId, count));
	}

	@Override
	public void start() {
		this.running = this.transport
			.receive(this.group, List.of(Topics.SEAT_EVENTS), true,
					(partition, position) -> advance(partition, position - 1))
			.doOnNext(this::dispatch)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
			.subscribe();
	}

	private void dispatch(IncomingEvent event) {
		advance(event.partition(), event.position());
		try {
			JsonNode payload = this.json.readTree(event.payload());
			UUID showId = UUID.fromString(payload.get("showId").asString());
			ShowChannel channel = this.channels.get(showId);
			if (channel == null) {
				return;
			}
			String status = switch (payload.get("type").asString()) {
				case "SeatsHeld" -> "HELD";
				case "SeatsBooked" -> "BOOKED";
				default -> "AVAILABLE";
			};
			List<Change> changes = new ArrayList<>();
			payload.get("seatIds").forEach((seat) -> changes.add(new Change(seat.asString(), status)));
			channel.accept(event.position(), changes);
		}
		catch (RuntimeException malformed) {
			log.warn("Skipping a seat event that cannot be read at {}-{}", event.partition(), event.position(),
					malformed);
		}
	}

	/**
	 * Records how far a partition has been consumed, and how many partitions there are.
	 */
	private void advance(int partition, long position) {
		if (partition >= MAX_PARTITIONS) {
			if (this.warnedAboutPartitions.compareAndSet(false, true)) {
				log.warn("{} has more than {} partitions; live streams resume only by snapshot there",
						Topics.SEAT_EVENTS, MAX_PARTITIONS);
			}
			return;
		}
		this.partitions = Math.max(this.partitions, partition + 1);
		this.positions.accumulateAndGet(partition, position, Math::max);
	}

	/**
	 * Kafka's default partitioner for keyed records: the show id decides the partition.
	 */
	private static int partitionOf(UUID showId, int count) {
		return Utils.toPositive(Utils.murmur2(showId.toString().getBytes(StandardCharsets.UTF_8))) % count;
	}

	@Override
	public void stop() {
		// Complete every open stream so graceful shutdown does not wait for them; clients
		// reconnect (with Last-Event-ID) to another instance.
		this.channels.values().forEach(ShowChannel::close);
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

}
