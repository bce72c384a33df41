package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

	/**
	 * How old a seat map may be to choose seats or suggest alternatives from: a choice
	 * from it that lost a race is made again from the current map.
	 */
	private static final Duration CHOICE_MAP_AGE = Duration.ofMillis(500);

	/** Expired holds released at once by one sweep. */
	private static final int EXPIRY_CONCURRENCY = 32;

	private final CatalogLookup catalog;

	private final HallLayouts layouts;

	private final SeatMaps seatMaps;

	private final SeatHolds holds;

	private final SeatEvents events;

	private final HoldSettings settings;

	private final Clock clock;

	private final SeatingMetrics metrics;

	private final DetachedChanges detached;

	HoldService(CatalogLookup catalog, HallLayouts layouts, SeatMaps seatMaps, SeatHolds holds, SeatEvents events,
			HoldSettings settings, Clock clock, SeatingMetrics metrics, DetachedChanges detached) {
		this.catalog = catalog;
		this.layouts = layouts;
		this.seatMaps = seatMaps;
		this.holds = holds;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
		this.metrics = metrics;
		this.detached = detached;
	}

	public Mono<HoldResult> hold(UUID userId, UUID showId, SeatChoice choice) {
		return this.detached.toTheEnd(attempt(userId, showId, choice).doOnNext((result) -> {
			if (result instanceof Held held) {
				this.metrics.placed(held.hold());
			}
			else {
				this.metrics.unavailable();
			}
		}).doOnError(this.metrics::refused));
	}

	private Mono<HoldResult> attempt(UUID userId, UUID showId, SeatChoice choice) {
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

	/**
	 * Which seats were in the way, and the best alternatives of the same size, from a
	 * recent map that knows at least that those seats are taken.
	 */
	private Mono<HoldResult> unavailable(Show show, HallLayout layout, List<String> taken, List<String> requested) {
		String category = layout.seat(layout.indexOf(requested.get(0))).category();
		Set<Integer> inTheWay = new HashSet<>();
		taken.forEach((seat) -> inTheWay.add(layout.indexOf(seat)));
		return this.seatMaps.recent(show, layout, CHOICE_MAP_AGE)
			.map((snapshot) -> new Unavailable(taken,
					BestAvailable.choose(layout, (seat) -> snapshot.isFree(seat) && !inTheWay.contains(seat),
							requested.size(), category, SUGGESTIONS)));
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
		return this.detached
			.toTheEnd(find(userId, holdId).flatMap((hold) -> release(hold, SeatChange.Reason.RELEASED)).then());
	}

	/**
	 * Lets a hold go, whoever owns it (a waiting-list offer that is declined or left):
	 * its seats go back on sale or to the waiting list, and the change is announced.
	 */
	public Mono<SeatHolds.Freed> release(Hold hold, SeatChange.Reason reason) {
		return this.holds.release(hold)
			.doOnNext((freed) -> this.metrics.freed(freed, reason))
			.flatMap((freed) -> announce(hold.showId(), hold.holdId(), freed, reason));
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

	/**
	 * A booking of this hold was just committed: its seats are sold, and Redis is told as
	 * {@link #completeBooking} does. A replay of an older booking calls
	 * {@link #completeBooking} alone, so no seat is counted sold twice.
	 */
	public Mono<Void> booked(Hold hold) {
		return Mono.fromRunnable(() -> this.metrics.booked(hold)).then(completeBooking(hold));
	}

	/**
	 * After a cancellation is committed: the seats are free at once, or set aside for the
	 * waiting list; the cancellation's outbox announced them released, so seats set aside
	 * are announced after it.
	 */
	public Mono<SeatHolds.Freed> freeCancelled(UUID showId, List<String> seatIds) {
		return this.holds.freeBooked(showId, seatIds)
			.doOnNext((freed) -> this.metrics.freed(freed, SeatChange.Reason.CANCELLED))
			.onErrorResume((failure) -> {
				log.warn("Cancelled seats of show {} could not be freed in Redis", showId, failure);
				return Mono.just(SeatHolds.Freed.NOTHING);
			});
	}

	/**
	 * One sweep: claims expired holds, frees what they still own, announces each once.
	 */
	public Mono<Integer> sweepExpired(int max) {
		return this.holds.claimExpired(this.clock.instant(), max)
			// Side by side: each release waits for the broker to acknowledge its event.
			.flatMap((hold) -> release(hold, SeatChange.Reason.EXPIRED).thenReturn(1), EXPIRY_CONCURRENCY)
			.reduce(0, Integer::sum);
	}

	private Hold newHold(UUID userId, Show show, HallLayout layout, List<String> seatIds) {
		return newHold(userId, show, layout, seatIds, this.settings.ttl());
	}

	/** Announces what a change freed: released seats, and seats set aside. */
	private Mono<SeatHolds.Freed> announce(UUID showId, UUID holdId, SeatHolds.Freed freed, SeatChange.Reason reason) {
		Mono<Object> released = freed.free().isEmpty() ? Mono.empty()
				: announce(new SeatChange.Released(showId, freed.free(), reason, holdId, this.clock.instant()), null);
		Mono<Object> setAside = freed.setAside().isEmpty() ? Mono.empty() : announce(
				new SeatChange.SetAside(showId, freed.setAside(), reason, holdId, this.clock.instant()), null);
		return released.then(setAside).thenReturn(freed);
	}

	/**
	 * A waiting-list offer: a hold in the entry owner's name on seats set aside or free,
	 * lasting {@code ttl}; announced like any hold.
	 */
	public Mono<SeatHolds.Attempt> offer(Hold hold, Duration ttl) {
		return this.holds.offer(hold, ttl).flatMap((attempt) -> {
			if (!(attempt instanceof SeatHolds.Attempt.Placed)) {
				return Mono.just(attempt);
			}
			this.metrics.offered(hold);
			return announce(new SeatChange.Held(hold.showId(), hold.seatIds(), hold.holdId(), this.clock.instant()),
					attempt);
		});
	}

	/**
	 * What a waiting-list offer may choose from now: the show's layout, its free seats,
	 * and its seats set aside for the waiting list.
	 */
	public Mono<OfferableSeats> offerable(UUID showId) {
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)))
			.flatMap((show) -> this.layouts.of(show.hallId())
				.flatMap((layout) -> Mono.zip(this.seatMaps.current(show, layout), this.holds.setAside(showId),
						(snapshot, setAside) -> new OfferableSeats(show, layout, snapshot, setAside))));
	}

	/** Seats set aside that no waiting entry could use, back on sale and announced. */
	public Mono<List<String>> returnToSale(UUID showId, List<String> seatIds) {
		if (seatIds.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.holds.returnToSale(showId, seatIds)
			.doOnNext(this.metrics::returnedToSale)
			.flatMap((freed) -> freed.isEmpty() ? Mono.just(freed) : announce(
					new SeatChange.Released(showId, freed, SeatChange.Reason.RELEASED, null, this.clock.instant()),
					freed));
	}

	/** Whether none of these seats is held or booked now. */
	public Mono<Boolean> areFree(UUID showId, List<String> seatIds) {
		return this.seatMaps.current(showId)
			.map((snapshot) -> seatIds.stream().allMatch((seat) -> snapshot.isFree(seat)));
	}

	/** How many entries wait for a show, for the priority of freed seats. */
	public Mono<Void> waiting(UUID showId, int entries) {
		return this.holds.waiting(showId, entries);
	}

	/** Someone has just joined the show's waiting list: freed seats go to it first. */
	public Mono<Void> someoneWaits(UUID showId) {
		return this.holds.someoneWaits(showId);
	}

	/**
	 * A new hold of {@code seatIds} for a user, priced by the show, lasting {@code ttl}.
	 */
	public Hold newHold(UUID userId, Show show, HallLayout layout, List<String> seatIds, Duration ttl) {
		long total = 0;
		for (String seatId : seatIds) {
			total += show.price(layout.seat(layout.indexOf(seatId)).category());
		}
		return new Hold(UUID.randomUUID(), show.showId(), userId, new ArrayList<>(seatIds),
				this.clock.instant().plus(ttl), total, show.currency());
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
