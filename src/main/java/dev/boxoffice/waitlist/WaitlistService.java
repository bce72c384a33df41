package dev.boxoffice.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.ShowNotFound;
import dev.boxoffice.seating.DetachedChanges;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.seating.HoldSettings;
import dev.boxoffice.seating.SeatChange;
import dev.boxoffice.seating.ShowClosed;
import dev.boxoffice.seating.TooManySeats;
import dev.boxoffice.seating.UnknownCategory;
import dev.boxoffice.waitlist.WaitlistEntry.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Joining, reading and leaving a waiting list, and what seat changes mean for it: an
 * offer booked or run out closes its entry, and freed seats are offered on at once.
 */
@Service
public class WaitlistService {

	private static final Logger log = LoggerFactory.getLogger(WaitlistService.class);

	/** A list whose last entry changed within this is looked over by the scan. */
	private static final Duration RECENTLY = Duration.ofMinutes(10);

	private final WaitlistEntries entries;

	private final WaitlistOffers offers;

	private final CatalogLookup catalog;

	private final HoldService holds;

	private final HoldSettings holdSettings;

	private final Clock clock;

	private final WaitlistMetrics metrics;

	private final DetachedChanges detached;

	WaitlistService(WaitlistEntries entries, WaitlistOffers offers, CatalogLookup catalog, HoldService holds,
			HoldSettings holdSettings, Clock clock, WaitlistMetrics metrics, DetachedChanges detached) {
		this.entries = entries;
		this.offers = offers;
		this.catalog = catalog;
		this.holds = holds;
		this.holdSettings = holdSettings;
		this.clock = clock;
		this.metrics = metrics;
		this.detached = detached;
	}

	/**
	 * Joins the show's list and answers the entry as joined: {@code WAITING}, with its
	 * place. Seats free at that moment are offered by a pass started after the join,
	 * which the caller does not wait for: the owner learns of an offer as of any other
	 * (notification, {@code GET /waitlist}), and the answer is the one the contract
	 * promises whatever the hall's state.
	 */
	public Mono<WaitlistEntry> join(UUID userId, UUID showId, int count, String category) {
		if (count > this.holdSettings.maxSeats()) {
			return Mono.error(new TooManySeats(this.holdSettings.maxSeats()));
		}
		return this.catalog.show(showId).switchIfEmpty(Mono.error(() -> new ShowNotFound(showId))).flatMap((show) -> {
			if (show.hasStarted(this.clock.instant())) {
				return Mono.error(new ShowClosed("The show has started; its waiting list is closed"));
			}
			return this.catalog.hall(show.hallId()).flatMap((hall) -> {
				if (category != null && hall.seats().stream().noneMatch((seat) -> seat.category().equals(category))) {
					return Mono.error(new UnknownCategory(category));
				}
				WaitlistEntry entry = new WaitlistEntry(UUID.randomUUID(), showId, userId, count, category,
						Status.WAITING, null, null, List.of(), null, this.clock.instant());
				WaitlistEvent.Joined joined = new WaitlistEvent.Joined(UUID.randomUUID(), entry.entryId(), showId,
						userId, count, category, entry.createdAt());
				return this.entries.insert(entry, WaitlistEventCodec.toOutbox(joined))
					// Seats freed from here on are set aside for the list, before the
					// answer: the pass below may not have run yet. (A count here would
					// cost a pooled connection more per join; the pass sets it.)
					.flatMap((stored) -> this.holds.someoneWaits(showId).then(this.entries.find(stored.entryId())))
					.doOnNext((joinedEntry) -> this.offers.request(showId));
			});
		});
	}

	/** The caller's entries, newest first. */
	public Flux<WaitlistEntry> mine(UUID userId) {
		return this.entries.ofUser(userId);
	}

	/**
	 * Leaves a list. An open offer's seats are let go and offered on at once; a booked
	 * offer stays booked. Runs to its end once asked for: cut off between the entry's
	 * deletion and the release, the offer would hold its seats for nobody until it ran
	 * out.
	 */
	public Mono<Void> leave(UUID userId, UUID entryId) {
		return this.detached.toTheEnd(this.entries.find(entryId)
			.filter((entry) -> entry.userId().equals(userId))
			.switchIfEmpty(Mono.error(() -> new EntryNotFound(entryId)))
			.flatMap((entry) -> {
				Mono<Void> letGo = (entry.status() == Status.OFFERED) ? this.holds.findAny(entry.holdId())
					.flatMap((hold) -> this.holds.release(hold, SeatChange.Reason.RELEASED))
					.then() : Mono.empty();
				return this.entries.delete(entryId).then(letGo).then(this.offers.offer(entry.showId())).then();
			}));
	}

	/** People and seats waiting for a show, for its statistics. */
	public Mono<Waiting> waiting(UUID showId) {
		return this.entries.countWaiting(showId);
	}

	/**
	 * What a seat change means for the waiting list: an offer booked, an offer that ran
	 * out or was let go, seats set aside to offer on.
	 */
	Mono<Void> onSeatChange(SeatChange change) {
		if (change instanceof SeatChange.Booked booked && booked.holdId() != null) {
			return closeOffer(booked.holdId(), Status.BOOKED);
		}
		if (change instanceof SeatChange.SetAside setAside) {
			Mono<Void> closed = (setAside.holdId() != null) ? closeOffer(setAside.holdId(), Status.EXPIRED)
					: Mono.empty();
			// Not waited for: a burst of cancellations folds into a few passes.
			return closed.then(Mono.fromRunnable(() -> this.offers.request(setAside.showId())));
		}
		if (change instanceof SeatChange.Released released && released.holdId() != null) {
			return closeOffer(released.holdId(), Status.EXPIRED);
		}
		return Mono.empty();
	}

	/**
	 * Ends the offer of this hold, if there is one still open, and counts how it ended.
	 */
	private Mono<Void> closeOffer(UUID holdId, Status outcome) {
		return this.entries.closeOffer(holdId, outcome, this.clock.instant())
			.doOnNext((closed) -> this.metrics.closed(outcome, 1))
			.then();
	}

	/**
	 * The look over every list that has people in it: offers that ran out end, lists of
	 * shows that started close, and whatever can be offered is.
	 */
	Mono<Integer> scan() {
		return this.entries.expireLapsedOffers(this.clock.instant())
			.count()
			.doOnNext((lapsed) -> this.metrics.closed(Status.EXPIRED, lapsed))
			.then(this.entries.expireStarted(startedShows(), this.clock.instant()).then())
			.thenMany(this.entries.activeShows(this.clock.instant().minus(RECENTLY)))
			.concatMap((showId) -> this.offers.offer(showId).onErrorResume((failure) -> {
				log.warn("Could not offer seats of show {}; the next scan tries again", showId, failure);
				return Mono.just(0);
			}))
			.reduce(0, Integer::sum);
	}

	private Flux<UUID> startedShows() {
		return this.entries.activeShows(this.clock.instant().minus(RECENTLY))
			.filterWhen((showId) -> this.catalog.show(showId)
				.map((show) -> show.hasStarted(this.clock.instant()))
				.defaultIfEmpty(true));
	}

}
