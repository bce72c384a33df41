package dev.boxoffice.catalog;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * What the catalog needs to know of bookings, asked of the booking feature, which owns
 * them: whether customers hold tickets for some shows.
 */
public interface ShowBookings {

	Mono<Boolean> anyActive(Collection<UUID> showIds);

}
