package dev.boxoffice.catalog;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Halls never change once created, so they are kept for the life of the process. A show
 * does not change either, but it goes off sale when its movie is deleted, possibly on
 * another instance: shows are kept for a few seconds, which bounds how long another
 * instance may still sell one. A miss is not cached, so a hall or show created on another
 * instance is found at once. Callers share one load: one of them going away must not
 * cancel it for the others, hence suppressing cancellation.
 */
@Component
class CachedCatalog implements CatalogLookup {

	static final Duration SHOW_FRESHNESS = Duration.ofSeconds(5);

	private final Halls halls;

	private final Shows shows;

	private final AsyncCache<UUID, Hall> hallCache = Caffeine.newBuilder().maximumSize(2_000).buildAsync();

	private final AsyncCache<UUID, Show> showCache = Caffeine.newBuilder()
		.maximumSize(20_000)
		.expireAfterWrite(SHOW_FRESHNESS)
		.buildAsync();

	CachedCatalog(Halls halls, Shows shows) {
		this.halls = halls;
		this.shows = shows;
	}

	@Override
	public Mono<Hall> hall(UUID hallId) {
		return Mono.fromFuture(() -> this.hallCache.get(hallId, (id, executor) -> this.halls.find(id).toFuture()),
				true);
	}

	@Override
	public Mono<Show> show(UUID showId) {
		return Mono.fromFuture(() -> this.showCache.get(showId, (id, executor) -> this.shows.find(id).toFuture()),
				true);
	}

	/** Forgets shows at once on this instance, for example those of a deleted movie. */
	void forget(Iterable<UUID> showIds) {
		this.showCache.synchronous().invalidateAll(showIds);
	}

}
