package dev.boxoffice.catalog;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The catalog as other features read it: a show on sale and the layout of a hall, from
 * memory on hot paths. A show whose movie was deleted is not on sale and is not found.
 */
public interface CatalogLookup {

	Mono<Hall> hall(UUID hallId);

	Mono<Show> show(UUID showId);

}
