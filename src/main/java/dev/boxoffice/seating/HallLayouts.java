package dev.boxoffice.seating;

import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boxoffice.catalog.CatalogLookup;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The layout of every hall in use, indexed once per process: halls never change once
 * created, so the index is never stale.
 */
@Component
class HallLayouts {

	private final CatalogLookup catalog;

	private final AsyncCache<UUID, HallLayout> layouts = Caffeine.newBuilder().maximumSize(2_000).buildAsync();

	HallLayouts(CatalogLookup catalog) {
		this.catalog = catalog;
	}

	Mono<HallLayout> of(UUID hallId) {
		return Mono.fromFuture(
				() -> this.layouts.get(hallId, (id, executor) -> this.catalog.hall(id).map(HallLayout::of).toFuture()),
				true);
	}

}
