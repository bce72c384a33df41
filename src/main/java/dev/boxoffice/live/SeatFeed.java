package dev.boxoffice.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.EventTransport.IncomingEvent;
import dev.boxoffice.events.Topics;
import dev.boxoffice.live.SeatChangeEvent.Change;
import dev.boxoffice.seating.SeatChangeCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * This instance's one consumer of {@code boxoffice.seat-events}, in a consumer group of
 * its own so every instance sees every change, whichever instance made it. It hands each
 * change to the channel of its show, if anyone here watches that show; otherwise the
 * change costs a map lookup.
 */
@Component
class SeatFeed {

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

	/** From the moment the instance starts shutting down: no change will arrive. */
	private volatile boolean stopping;

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
		return (count == 0) ? -1 : this.positions.get(this.transport.partitionOf(showId.toString(), count));
	}

	/**
	 * This instance's consumption of the seat events, in a group of its own, from the end
	 * of the topic. Stopping it first ends every open stream, so graceful shutdown does
	 * not wait for them; clients reconnect (with Last-Event-ID) to another instance.
	 */
	BackgroundLoop loop() {
		return BackgroundLoop.consuming("Live seat feed", () -> {
			this.stopping = false;
			return this.transport
				.receive(this.group, List.of(Topics.SEAT_EVENTS), true,
						(partition, position) -> advance(partition, position - 1))
				.doOnNext(this::dispatch);
		}, Duration.ofMillis(500), Duration.ofSeconds(10)).whenStopping(() -> {
			this.stopping = true;
			this.channels.values().forEach(ShowChannel::close);
		});
	}

	/**
	 * Whether the feed has been given its partitions: before that, a change would reach
	 * no stream here, since the feed starts from the end of the topic as it is then.
	 */
	boolean isAssigned() {
		return this.partitions > 0;
	}

	/**
	 * Whether this instance is shutting down: a stream opened now would never see a
	 * change, so it is sent elsewhere at once.
	 */
	boolean isStopping() {
		return this.stopping;
	}

	private void dispatch(IncomingEvent event) {
		advance(event.partition(), event.position());
		try {
			SeatChangeCodec.decode(event.payload()).ifPresent((change) -> {
				ShowChannel channel = this.channels.get(change.showId());
				if (channel != null) {
					String status = change.status().name();
					channel.accept(event.position(),
							change.seatIds().stream().map((seat) -> new Change(seat, status)).toList());
				}
			});
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

}
