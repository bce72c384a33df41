package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.catalog.ShowNotFound;
import dev.boxoffice.seating.HoldResult.Held;
import dev.boxoffice.seating.HoldResult.Unavailable;
import dev.boxoffice.seating.SeatHolds.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Holding and releasing seats: the rules around the atomic Redis operations of
 * {@link SeatHolds}. A hold, a release and a confirmation do work in proportion to the
 * seats they touch; only a refusal reads the whole show, to suggest alternatives.
 */
@Service
public class HoldService {

	private static final Logger log = LoggerFactory.getLogger(HoldService.class);

	static final int SUGGESTIONS = 3;

	/**
	 * Best-available may lose a race for the seats it picked; it picks again a few times.
	 */
	private static final int BEST_AVAILABLE_ATTEMPTS = 3;

	private final CatalogLookup catalog;

	private final HallLayouts layouts;

	private final SeatMaps seatMaps;

	private final SeatHolds holds;

	private final SeatEvents events;

	private final HoldSettings settings;

	private final Clock clock;

	HoldService(CatalogLookup catalog, HallLayouts layouts, SeatMaps seatMaps, SeatHolds holds, SeatEvents events,
			HoldSettings settings, Clock clock) {
		this.catalog = catalog;
		this.layouts = layouts;
		this.seatMaps = seatMaps;
		this.holds = holds;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	public Mono<HoldResult> hold(UUID userId, UUID showId, SeatChoice choice) {
		if (choice.size() > this.settings.maxSeats()) {
			return Mono.error(new TooManySeats(this.settings.maxSeats()));
		}
		return this.catalog.show(showId).switchIfEmpty(Mono.error(() -> new ShowNotFound(showId))).flatMap((show) -> {
			if (show.hasStarted(this.clock.instant())) {
				return Mono.error(new ShowClosed("The show has started; seats can no longer be held"));
			}
			return this.layouts.of(show.hallId())
				.flatMap((layout) -> (choice instanceof SeatChoice.BestOf best)
						? holdBest(userId, show, layout, best.count(), best.category(), BEST_AVAILABLE_ATTEMPTS)
						: holdNamed(userId, show, layout, ((SeatChoice.Named) choice).seatIds()));
		});
	}

	private Mono<HoldResult> holdNamed(UUID userId, Show show, HallLayout layout, List<String> seatIds) {
		List<String> unknown = seatIds.stream().filter((id) -> layout.indexOf(id) < 0).toList();
		if (!unknown.isEmpty()) {
			return Mono.error(new UnknownSeat(unknown));
		}
		Hold hold = newHold(userId, show, layout, seatIds);
		return place(hold).flatMap((attempt) -> (attempt instanceof Attempt.Taken taken)
				? unavailable(show, layout, taken.seatIds(), seatIds) : Mono.just(new Held(hold)));
	}

	private Mono<HoldResult> holdBest(UUID userId, Show show, HallLayout layout, int count, String category,
			int attempts) {
		if (category != null && !layout.hasCategory(category)) {
			return Mono.error(new UnknownCategory(category));
		}
		return this.seatMaps.current(show, layout).flatMap((snapshot) -> {
			List<List<String>> best = BestAvailable.choose(layout, snapshot::isFree, count, category, SUGGESTIONS + 1);
			if (best.isEmpty()) {
				return Mono.just(new Unavailable(List.of(), List.of()));
			}
			Hold hold = newHold(userId, show, layout, best.get(0));
			return place(hold).flatMap((attempt) -> {
				if (!(attempt instanceof Attempt.Taken taken)) {
					return Mono.just(new Held(hold));
				}
				return (attempts > 1) ? holdBest(userId, show, layout, count, category, attempts - 1)
						: Mono.just(new Unavailable(taken.seatIds(), best.subList(1, best.size())));
			});
		});
	}

	/** Places the hold and announces it; a cap the owner would pass is refused here. */
	private Mono<Attempt> place(Hold hold) {
		return this.holds.tryHold(hold, this.settings.ttl(), this.settings.maxHeldSeatsPerUser()).flatMap((attempt) -> {
			if (attempt instanceof Attempt.OverCap overCap) {
				return Mono.error(new HoldLimitReached(overCap.held(), this.settings.maxHeldSeatsPerUser()));
			}
			return (attempt instanceof Attempt.Placed)
					? announce(new SeatChange.Held(hold.showId(), hold.seatIds(), hold.holdId(), this.clock.instant()),
							attempt)
					: Mono.just(attempt);
		});
	}

	/** Which seats were in the way, and the best alternatives of the same size now. */
	private Mono<HoldResult> unavailable(Show show, HallLayout layout, List<String> taken, List<String> requested) {
		String category = layout.seat(layout.indexOf(requested.get(0))).category();
		return this.seatMaps.current(show, layout)
			.map((snapshot) -> new Unavailable(taken,
					BestAvailable.choose(layout, snapshot::isFree, requested.size(), category, SUGGESTIONS)));
	}

	/** Any user's hold, for the booking flow, which checks the owner itself. */
	public Mono<Hold> findAny(UUID holdId) {
		return this.holds.find(holdId);
	}

	/**
	 * A hold whose seats were sold to someone else in the meantime (its keys expired
	 * during a slow payment): forgotten without announcing anything, since its seats are
	 * booked.
	 */
	public Mono<Void> discard(Hold hold) {
		return this.holds.release(hold).then().onErrorResume((failure) -> {
			log.warn("Could not discard hold {}; it expires by itself", hold.holdId(), failure);
			return Mono.empty();
		});
	}

	/** The 409 for seats someone else has: which seats, and the best alternatives now. */
	public Mono<SeatsUnavailable> unavailable(UUID showId, List<String> taken, List<String> requested) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)))
			.flatMap((show) -> this.layouts.of(show.hallId())
				.flatMap((layout) -> unavailable(show, layout, taken, requested)))
			.map((result) -> seatsUnavailable((Unavailable) result));
	}

	public static SeatsUnavailable seatsUnavailable(Unavailable unavailable) {
		return new SeatsUnavailable(unavailable.unavailableSeatIds(), unavailable.suggestions());
	}

	/**
	 * The caller's hold; someone else's hold is reported as not found, never as
	 * forbidden.
	 */
	public Mono<Hold> find(UUID userId, UUID holdId) {
		return this.holds.find(holdId)
			.filter((hold) -> hold.isOwnedBy(userId))
			.switchIfEmpty(Mono.error(() -> new HoldNotFound(holdId)));
	}

	public Mono<Void> release(UUID userId, UUID holdId) {
		return find(userId, holdId).flatMap((hold) -> this.holds.release(hold)
			.flatMap((freed) -> freed.isEmpty() ? Mono.empty()
					: announce(released(hold, freed, SeatChange.Reason.RELEASED), null)))
			.then();
	}

	/**
	 * After a booking is committed: the seats are booked in Redis too and the hold is
	 * gone, in one step (the booking's outbox announces it). The booking stands whatever
	 * happens here; if Redis is away the seats stay safe (PostgreSQL refuses a second
	 * sale) and the booked set is re-warmed from PostgreSQL.
	 */
	public Mono<Void> completeBooking(Hold hold) {
		return this.holds.completeBooking(hold).onErrorResume((failure) -> {
			log.warn("Booked seats of hold {} could not be recorded in Redis", hold.holdId(), failure);
			return Mono.empty();
		});
	}

	/** After a cancellation is committed: the seats are free at once. */
	public Mono<Void> freeCancelled(UUID showId, List<String> seatIds) {
		return this.holds.freeBooked(showId, seatIds).onErrorResume((failure) -> {
			log.warn("Cancelled seats of show {} could not be freed in Redis", showId, failure);
			return Mono.empty();
		});
	}

	/**
	 * One sweep: claims expired holds, frees what they still own, announces each once.
	 */
	public Mono<Integer> sweepExpired(int max) {
		return this.holds.claimExpired(this.clock.instant(), max)
			.concatMap((hold) -> this.holds.release(hold)
				.flatMap((freed) -> freed.isEmpty() ? Mono.just(0)
						: announce(released(hold, freed, SeatChange.Reason.EXPIRED), 1)))
			.reduce(0, Integer::sum);
	}

	private Hold newHold(UUID userId, Show show, HallLayout layout, List<String> seatIds) {
		Instant expiresAt = this.clock.instant().plus(this.settings.ttl());
		long total = 0;
		for (String seatId : seatIds) {
			total += show.price(layout.seat(layout.indexOf(seatId)).category());
		}
		return new Hold(UUID.randomUUID(), show.showId(), userId, new ArrayList<>(seatIds), expiresAt, total,
				show.currency());
	}

	private SeatChange released(Hold hold, List<String> freed, SeatChange.Reason reason) {
		return new SeatChange.Released(hold.showId(), freed, reason, hold.holdId(), this.clock.instant());
	}

	/**
	 * A seat change that cannot be announced must not undo the change it describes: the
	 * hold or release stands and the live map converges on its next snapshot.
	 */
	private <T> Mono<T> announce(SeatChange change, T result) {
		return this.events.publish(change).onErrorResume((failure) -> {
			log.warn("Could not announce a seat change; live maps converge on their next snapshot", failure);
			return Mono.empty();
		}).then(Mono.justOrEmpty(result));
	}

}
