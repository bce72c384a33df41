package dev.boxoffice.seating;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.catalog.ShowNotFound;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A show's seat map, fresh and cheap: every change of a show's seats advances its version
 * in the same Redis step (see {@link SeatHolds}), so one small round trip tells whether
 * the snapshot in memory is still the truth. Only when it is not are the booked and held
 * seats read again, once, however many requests ask at the same moment.
 */
@Service
public class SeatMaps {

	/** About 100 MB of snapshots: a few hundred big halls, thousands of small ones. */
	private static final long MAX_CACHED_BYTES = 100_000_000;

	private final CatalogLookup catalog;

	private final HallLayouts layouts;

	private final SeatHolds holds;

	private final Cache<UUID, SeatMapSnapshot> snapshots = Caffeine.newBuilder()
		.maximumWeight(MAX_CACHED_BYTES)
		.weigher((UUID show, SeatMapSnapshot snapshot) -> snapshot.weight())
		.build();

	private final Map<UUID, Mono<SeatMapSnapshot>> reading = new ConcurrentHashMap<>();

	SeatMaps(CatalogLookup catalog, HallLayouts layouts, SeatHolds holds) {
		this.catalog = catalog;
		this.layouts = layouts;
		this.holds = holds;
	}

	/** The show's seat map as of now: a change made just before is in it. */
	public Mono<SeatMapSnapshot> current(UUID showId) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)))
			.flatMap((show) -> this.layouts.of(show.hallId()).flatMap((layout) -> current(show, layout)));
	}

	Mono<SeatMapSnapshot> current(Show show, HallLayout layout) {
		return this.holds.version(show.showId()).flatMap((version) -> {
			SeatMapSnapshot cached = this.snapshots.getIfPresent(show.showId());
			if (cached != null && cached.version().equals(version) && cached.isFresh()) {
				return Mono.just(cached);
			}
			return reread(show, layout, version);
		});
	}

	/**
	 * The show's seat map as of at most {@code maxAge} ago, without a round trip when the
	 * one in memory is that young: enough to suggest alternatives, which a client tries
	 * anyway. Under a sale the version moves with every hold, so a refusal that insisted
	 * on the current map would reread the whole show each time.
	 */
	Mono<SeatMapSnapshot> recent(Show show, HallLayout layout, Duration maxAge) {
		SeatMapSnapshot cached = this.snapshots.getIfPresent(show.showId());
		if (cached != null && cached.isYoungerThan(maxAge) && cached.isFresh()) {
			return Mono.just(cached);
		}
		return current(show, layout);
	}

	/**
	 * Requests that find the snapshot stale at the same moment share one read; a read
	 * that began before the caller's version was seen may miss the caller's own change,
	 * so then the caller reads again by itself.
	 */
	private Mono<SeatMapSnapshot> reread(Show show, HallLayout layout, String seenVersion) {
		UUID showId = show.showId();
		Mono<SeatMapSnapshot> shared = this.reading.computeIfAbsent(showId, (id) -> {
			AtomicReference<Mono<SeatMapSnapshot>> self = new AtomicReference<>();
			self.set(read(show, layout).doFinally((signal) -> this.reading.remove(id, self.get())).cache());
			return self.get();
		});
		return shared.flatMap((snapshot) -> snapshot.isAtLeast(seenVersion) ? Mono.just(snapshot) : read(show, layout));
	}

	private Mono<SeatMapSnapshot> read(Show show, HallLayout layout) {
		return Mono.defer(() -> {
			long readAt = System.nanoTime();
			return this.holds.states(show.showId())
				.map((states) -> new SeatMapSnapshot(show, layout, states, readAt))
				.doOnNext((snapshot) -> this.snapshots.asMap()
					.merge(show.showId(), snapshot, (old, fresh) -> fresh.wasReadAfter(old) ? fresh : old));
		});
	}

}
