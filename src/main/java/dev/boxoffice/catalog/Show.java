package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A screening: prices are per seat category, in minor units of {@code currency}. */
public record Show(UUID showId, UUID movieId, UUID hallId, UUID theaterId, Instant startsAt, Instant endsAt,
		Map<String, Integer> prices, String currency) {

	/**
	 * The most a seat may cost, in minor units (100,000.00 in a two-decimal currency).
	 * Money is summed in {@code long}, so no hold, booking or revenue can overflow.
	 */
	public static final int MAX_PRICE = 10_000_000;

	public boolean hasStarted(Instant now) {
		return !now.isBefore(this.startsAt);
	}

	public int price(String category) {
		Integer price = this.prices.get(category);
		return (price != null) ? price : 0;
	}

}
