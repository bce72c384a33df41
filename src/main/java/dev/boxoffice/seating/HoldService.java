package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.seating.HoldResult.Held;
import dev.boxoffice.seating.HoldResult.Unavailable;
import dev.boxoffice.seating.SeatEvents.ReleaseReason;
import dev.boxoffice.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Holding and releasing seats: the rules around the atomic Redis operations of
 * {@link SeatHolds}.
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

	private final SeatHolds holds;

	private final SeatEvents events;

	private final HoldSettings settings;

	private final Clock clock;

	HoldService(CatalogLookup catalog, SeatHolds holds, SeatEvents events, HoldSettings settings, Clock clock) {
		this.catalog = catalog;
		this.holds = holds;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	public Mono<HoldResult> hold(UUID userId, UUID showId, HoldRequest request) {
		if (request.size() > this.settings.maxSeats()) {
			return Mono.error(ApiProblem
				.unprocessable("TOO_MANY_SEATS", "A hold may take at most " + this.settings.maxSeats() + " seats")
				.with("maxSeats", this.settings.maxSeats()));
		}
		return this.catalog.show(showId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("show", showId)))
			.flatMap((show) -> {
				if (show.hasStarted(this.clock.instant())) {
					return Mono.error(ApiProblem.unprocessable("SHOW_CLOSED",
							"The show has started; seats can no longer be held"));
				}
				return this.catalog.hall(show.hallId())
					.flatMap((hall) -> request.bestAvailable()
							? holdBest(userId, show, hall, request.count(), request.category(), BEST_AVAILABLE_ATTEMPTS)
							: holdNamed(userId, show, hall, request.seatIds()));
			});
	}

	private Mono<HoldResult> holdNamed(UUID userId, Show show, Hall hall, List<String> seatIds) {
		Map<String, Hall.Seat> seats = seatsById(hall);
		List<String> unknown = seatIds.stream().filter((id) -> !seats.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			return Mono.error(ApiProblem.unprocessable("UNKNOWN_SEAT", "The hall has no seats " + unknown)
				.with("unknownSeatIds", unknown));
		}
		Hold hold = newHold(userId, show, seatIds.stream().map(seats::get).toList());
		return place(hold).flatMap((attempt) -> attempt.held() ? Mono.just((HoldResult) new Held(hold))
				: unavailable(show, hall, attempt.taken(), seats.get(seatIds.get(0)).category(), seatIds.size()));
	}

	private Mono<HoldResult> holdBest(UUID userId, Show show, Hall hall, int count, String category, int attempts) {
		if (category != null && hall.seats().stream().noneMatch((seat) -> seat.category().equals(category))) {
			return Mono
				.error(ApiProblem.unprocessable("UNKNOWN_CATEGORY", "The hall has no seats of category " + category));
		}
		return this.holds.states(show.showId(), seatIds(hall)).flatMap((states) -> {
			List<List<String>> best = BestAvailable.choose(hall, states::isFree, count, category, SUGGESTIONS + 1);
			if (best.isEmpty()) {
				return Mono.just((HoldResult) new Unavailable(List.of(), List.of()));
			}
			Map<String, Hall.Seat> seats = seatsById(hall);
			Hold hold = newHold(userId, show, best.get(0).stream().map(seats::get).toList());
			return place(hold).flatMap((attempt) -> {
				if (attempt.held()) {
					return Mono.just((HoldResult) new Held(hold));
				}
				return (attempts > 1) ? holdBest(userId, show, hall, count, category, attempts - 1)
						: Mono.just((HoldResult) new Unavailable(attempt.taken(), best.subList(1, best.size())));
			});
		});
	}

	private Mono<SeatHolds.Attempt> place(Hold hold) {
		return this.holds.tryHold(hold, this.settings.ttl())
			.flatMap((attempt) -> attempt.held() ? announce(this.events.held(hold.showId(), hold.seatIds()), attempt)
					: Mono.just(attempt));
	}

	private Mono<HoldResult> unavailable(Show show, Hall hall, List<String> taken, String category, int count) {
		return this.holds.states(show.showId(), seatIds(hall))
			.map((states) -> new Unavailable(taken,
					BestAvailable.choose(hall, states::isFree, count, category, SUGGESTIONS)));
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
	public Mono<ApiProblem> unavailable(UUID showId, List<String> taken, List<String> requested) {
		return this.catalog.show(showId).flatMap((show) -> this.catalog.hall(show.hallId())).flatMap((hall) -> {
			String category = seatsById(hall).get(requested.get(0)).category();
			return this.holds.states(showId, seatIds(hall))
				.map((states) -> seatsUnavailable(new Unavailable(taken,
						BestAvailable.choose(hall, states::isFree, requested.size(), category, SUGGESTIONS))));
		});
	}

	public static ApiProblem seatsUnavailable(Unavailable unavailable) {
		String detail = unavailable.unavailableSeatIds().isEmpty() ? "Not enough adjacent seats are available"
				: "Seats " + unavailable.unavailableSeatIds() + " are already held or booked";
		return ApiProblem.conflict("SEATS_UNAVAILABLE", detail)
			.with("unavailableSeatIds", unavailable.unavailableSeatIds())
			.with("suggestions", unavailable.suggestions());
	}

	/**
	 * The caller's hold; someone else's hold is reported as not found, never as
	 * forbidden.
	 */
	public Mono<Hold> find(UUID userId, UUID holdId) {
		return this.holds.find(holdId)
			.filter((hold) -> hold.isOwnedBy(userId))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("hold", holdId)));
	}

	public Mono<Void> release(UUID userId, UUID holdId) {
		return find(userId, holdId)
			.flatMap(
					(hold) -> this.holds.release(hold)
						.flatMap((freed) -> freed.isEmpty() ? Mono.empty()
								: announce(this.events.released(hold.showId(), freed, ReleaseReason.RELEASED), null)))
			.then();
	}

	/**
	 * After a booking is committed: the seats are booked in Redis too and the hold is
	 * gone. The booking stands whatever happens here; if Redis is away the seats stay
	 * safe (PostgreSQL refuses a second sale) and the booked set is re-warmed from
	 * PostgreSQL.
	 */
	public Mono<Void> completeBooking(Hold hold) {
		return this.holds.markBooked(hold.showId(), hold.seatIds())
			.then(this.holds.release(hold))
			.then(this.events.booked(hold.showId(), hold.seatIds()))
			.onErrorResume((failure) -> {
				log.warn("Booked seats of hold {} could not be recorded in Redis", hold.holdId(), failure);
				return Mono.empty();
			});
	}

	/** After a cancellation is committed: the seats are free at once. */
	public Mono<Void> freeCancelled(UUID showId, List<String> seatIds) {
		return this.holds.markFree(showId, seatIds)
			.then(this.events.released(showId, seatIds, ReleaseReason.CANCELLED))
			.onErrorResume((failure) -> {
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
						: announce(this.events.released(hold.showId(), freed, ReleaseReason.EXPIRED), 1)))
			.reduce(0, Integer::sum);
	}

	private Hold newHold(UUID userId, Show show, List<Hall.Seat> seats) {
		Instant expiresAt = this.clock.instant().plus(this.settings.ttl());
		int total = seats.stream().mapToInt((seat) -> show.price(seat.category())).sum();
		return new Hold(UUID.randomUUID(), show.showId(), userId, seats.stream().map(Hall.Seat::id).toList(), expiresAt,
				total, show.currency());
	}

	/**
	 * A seat event that cannot be announced must not undo the change it describes: the
	 * hold or booking stands and the live map converges on its next snapshot.
	 */
	private <T> Mono<T> announce(Mono<Void> event, T result) {
		return event.onErrorResume((failure) -> {
			log.warn("Could not announce a seat change; live maps converge on their next snapshot", failure);
			return Mono.empty();
		}).then(Mono.justOrEmpty(result));
	}

	private static Map<String, Hall.Seat> seatsById(Hall hall) {
		return hall.seats().stream().collect(Collectors.toMap(Hall.Seat::id, Function.identity()));
	}

	private static List<String> seatIds(Hall hall) {
		return new ArrayList<>(hall.seats().stream().map(Hall.Seat::id).toList());
	}

}
