package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.Shutdown;

/** Seating's service over fakes of its ports, for tests outside the seating package. */
public final class SeatingFakes {

	private SeatingFakes() {
	}

	public static HoldService holdService(CatalogLookup catalog, SeatHolds holds, SeatEvents events, Duration ttl,
			Clock clock) {
		return holdService(catalog, holds, events, ttl, clock, new DetachedChanges(Shutdown.GRACEFUL));
	}

	static HoldService holdService(CatalogLookup catalog, SeatHolds holds, SeatEvents events, Duration ttl, Clock clock,
			DetachedChanges detached) {
		HallLayouts layouts = new HallLayouts(catalog);
		return new HoldService(catalog, layouts, new SeatMaps(catalog, layouts, holds), holds, events,
				new HoldSettings(ttl, 10, 0, Duration.ofSeconds(1)), clock,
				new SeatingMetrics(new SimpleMeterRegistry()), detached);
	}

	/** One show in one hall, nothing else. */
	public static CatalogLookup catalogOf(Show show, Hall hall) {
		return new CatalogLookup() {

			@Override
			public Mono<Hall> hall(UUID hallId) {
				return hallId.equals(hall.hallId()) ? Mono.just(hall) : Mono.empty();
			}

			@Override
			public Mono<Show> show(UUID showId) {
				return showId.equals(show.showId()) ? Mono.just(show) : Mono.empty();
			}

		};
	}

	/** Remembers what was published. */
	public static final class RecordedSeatEvents implements SeatEvents {

		private final List<SeatChange> published = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Void> publish(SeatChange change) {
			return Mono.fromRunnable(() -> this.published.add(change));
		}

		public List<SeatChange> published() {
			return List.copyOf(this.published);
		}

		public List<SeatChange.Released> released() {
			return this.published.stream()
				.filter(SeatChange.Released.class::isInstance)
				.map(SeatChange.Released.class::cast)
				.toList();
		}

	}

	/** A hall of {@code rows} rows A, B, C... of {@code seats} STANDARD seats. */
	public static Hall hall(int rows, int seats) {
		List<Hall.Seat> all = new java.util.ArrayList<>();
		for (int row = 0; row < rows; row++) {
			String label = String.valueOf((char) ('A' + row));
			for (int number = 1; number <= seats; number++) {
				all.add(new Hall.Seat(label + "-" + number, label, number, "STANDARD", row, false));
			}
		}
		return new Hall(UUID.randomUUID(), UUID.randomUUID(), "Fake", all.size(), List.of(), all);
	}

	public static Show showIn(Hall hall, java.time.Instant startsAt) {
		return new Show(UUID.randomUUID(), UUID.randomUUID(), hall.hallId(), hall.theaterId(), startsAt,
				startsAt.plus(Duration.ofHours(2)), Map.of("STANDARD", 1200), "EUR");
	}

}
