package dev.boxoffice.catalog;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Read access to the catalog for other features. Halls and shows never change once
 * created, so the seat map and hold paths read them from memory instead of PostgreSQL on
 * every request. A miss is not cached, so a hall or show created on another instance is
 * found at once. Callers share one load: one of them going away must not cancel it for
 * the others, hence suppressing cancellation.
 */
@Component
public class CatalogLookup {

	private final Theaters theaters;

	private final Halls halls;

	private final Shows shows;

	private final AsyncCache<UUID, Hall> hallCache = Caffeine.newBuilder().maximumSize(2_000).buildAsync();

	private final AsyncCache<UUID, Show> showCache = Caffeine.newBuilder()
		.maximumSize(20_000)
		.expireAfterAccess(Duration.ofHours(6))
		.buildAsync();

	CatalogLookup(Theaters theaters, Halls halls, Shows shows) {
		this.theaters = theaters;
		this.halls = halls;
		this.shows = shows;
	}

	public Mono<Hall> hall(UUID hallId) {
		return Mono.fromFuture(() -> this.hallCache.get(hallId, (id, executor) -> this.halls.find(id).toFuture()),
				true);
	}

	public Mono<Show> show(UUID showId) {
		return Mono.fromFuture(() -> this.showCache.get(showId, (id, executor) -> this.shows.find(id).toFuture()),
				true);
	}

	Mono<Boolean> theaterExists(UUID theaterId) {
		return this.theaters.find(theaterId).hasElement();
	}

}
