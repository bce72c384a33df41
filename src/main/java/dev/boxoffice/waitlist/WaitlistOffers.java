package dev.boxoffice.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.catalog.ShowNotFound;
import dev.boxoffice.seating.Hold;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.seating.OfferableSeats;
import dev.boxoffice.seating.SeatHolds;
import org.redisson.api.RLockReactive;
import org.redisson.api.RedissonReactiveClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/**
 * Offers freed seats to the people waiting for a show. One instance at a time decides for
 * a show (a Redisson lock with a lease, so a dead instance's lock runs out), and each
 * offer is placed in Redis before it is recorded: the seats move from "set aside" to a
 * hold in the owner's name in one script, so no seat is ever in two offers, or in an
 * offer and another hold. An offer's hold id is fixed by its entry; an instance that dies
 * between placing and recording leaves a hold the next owner finds and records.
 * <p>
 * First come, first served: each waiting entry in order gets the best block of adjacent
 * seats of its category among those set aside or free; an entry that cannot be seated
 * together is skipped and keeps its place. Seats nobody can use go back on sale.
 * <p>
 * Nobody waits for the lock: a pass asked for while another runs (on any instance) is run
 * again right after, in the background, so a burst of cancellations costs a few passes,
 * not one lock wait per cancellation.
 */
@Component
class WaitlistOffers {

	private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);

	/** How many waiting entries one pass considers: far more than any release frees. */
	static final int QUEUE_LOOKAHEAD = 1_000;

	private static final Duration LOCK_LEASE = Duration.ofSeconds(30);

	/**
	 * While another instance holds a show's lock, a requested pass tries again this
	 * often, for a few seconds; after that the periodic scan is the safety net.
	 */
	private static final Duration BUSY_RETRY = Duration.ofMillis(250);

	private static final int BUSY_RETRIES = 20;

	/** Offers placed and recorded at once, in one pass. */
	private static final int CONCURRENT_OFFERS = 8;

	/** Shows with a background pass running on this instance. */
	private final Set<UUID> passing = ConcurrentHashMap.newKeySet();

	/** Shows asked for again while their pass ran. */
	private final Set<UUID> askedAgain = ConcurrentHashMap.newKeySet();

	private final WaitlistEntries entries;

	private final HoldService holds;

	private final RedissonReactiveClient redisson;

	private final WaitlistSettings settings;

	private final Clock clock;

	private final WaitlistMetrics metrics;

	WaitlistOffers(WaitlistEntries entries, HoldService holds, RedissonReactiveClient redisson,
			WaitlistSettings settings, Clock clock, WaitlistMetrics metrics) {
		this.entries = entries;
		this.holds = holds;
		this.redisson = redisson;
		this.settings = settings;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Offers what can be offered for the show now; returns how many offers were made.
	 * When a pass is running elsewhere, asks for another one after it and answers 0 at
	 * once.
	 */
	Mono<Integer> offer(UUID showId) {
		return pass(showId).onErrorResume(LockBusy.class, (busy) -> {
			request(showId);
			return Mono.just(0);
		});
	}

	/**
	 * Asks for a pass over the show without waiting for it. Requests that arrive while
	 * one runs on this instance fold into one more pass after it.
	 */
	void request(UUID showId) {
		if (!this.passing.add(showId)) {
			this.askedAgain.add(showId);
			return;
		}
		pass(showId).retryWhen(Retry.fixedDelay(BUSY_RETRIES, BUSY_RETRY).filter(LockBusy.class::isInstance))
			.onErrorResume((failure) -> {
				if (!(failure.getCause() instanceof LockBusy)) {
					log.warn("Could not offer seats of show {}; the next scan tries again", showId, failure);
				}
				return Mono.just(0);
			})
			.doFinally((signal) -> {
				this.passing.remove(showId);
				if (this.askedAgain.remove(showId)) {
					request(showId);
				}
			})
			.subscribe();
	}

	/** One pass under the show's lock, or {@link LockBusy} when another holds it. */
	private Mono<Integer> pass(UUID showId) {
		RLockReactive lock = this.redisson.getLock("boxoffice:waitlist:{" + showId + "}");
		long owner = ThreadLocalRandom.current().nextLong();
		return lock.tryLock(0, LOCK_LEASE.toMillis(), TimeUnit.MILLISECONDS, owner)
			.flatMap((locked) -> locked ? Mono.usingWhen(Mono.just(owner), (held) -> offerLocked(showId),
					(held) -> lock.unlock(held).onErrorResume((failure) -> {
						log.warn("Could not unlock the waiting list of show {}; its lease ends it", showId, failure);
						return Mono.empty();
					})) : Mono.error(LockBusy.INSTANCE));
	}

	private Mono<Integer> offerLocked(UUID showId) {
		return this.entries.waiting(showId, QUEUE_LOOKAHEAD)
			.collectList()
			.flatMap((waiting) -> waiting.isEmpty() ? nobodyWaits(showId) : offerToAll(showId, waiting))
			.onErrorResume(ShowNotFound.class, (offSale) -> Mono.just(0));
	}

	/** Whatever is still set aside goes back on sale; freed seats go public again. */
	private Mono<Integer> nobodyWaits(UUID showId) {
		return this.holds.offerable(showId)
			.flatMap((seats) -> this.holds.returnToSale(showId, List.copyOf(seats.setAside())))
			.then(this.holds.waiting(showId, 0))
			.thenReturn(0);
	}

	private Mono<Integer> offerToAll(UUID showId, List<WaitlistEntry> waiting) {
		return this.holds.offerable(showId)
			.flatMap((seats) -> offerInTurn(waiting, seats))
			.flatMap((made) -> this.entries.countWaiting(showId)
				.flatMap((left) -> this.holds.waiting(showId, left.people()))
				.thenReturn(made));
	}

	/**
	 * Decides every entry's seats in queue order first (adopting offers an earlier owner
	 * placed, then the best block each entry fits), then places and records the offers
	 * several at a time: the decisions are what must be in order, not the round trips.
	 */
	private Mono<Integer> offerInTurn(List<WaitlistEntry> waiting, OfferableSeats seats) {
		return Flux.fromIterable(waiting)
			.flatMapSequential((entry) -> this.holds.findAny(WaitlistEntry.offerHoldId(entry.entryId()))
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty()), CONCURRENT_OFFERS * 2)
			.collectList()
			.flatMap((placed) -> {
				Set<String> used = new HashSet<>();
				List<Mono<Integer>> offers = new ArrayList<>();
				for (int i = 0; i < waiting.size(); i++) {
					WaitlistEntry entry = waiting.get(i);
					if (placed.get(i).isPresent()) {
						used.addAll(placed.get(i).get().seatIds());
						offers.add(record(entry, placed.get(i).get()));
						continue;
					}
					List<String> block = seats.hasCategory(entry.category())
							? seats.best(entry.count(), entry.category(), used) : List.of();
					if (!block.isEmpty()) {
						used.addAll(block);
						offers.add(place(entry, seats, block));
					}
				}
				return Flux.fromIterable(offers)
					.flatMap((offer) -> offer, CONCURRENT_OFFERS)
					.reduce(0, Integer::sum)
					.flatMap((made) -> returnUnused(seats.show().showId(), seats, used).thenReturn(made));
			});
	}

	/**
	 * Places the entry's offer on its block, then records it. A public hold that won a
	 * free seat of the block between the read and the offer leaves the entry without an
	 * offer this pass; it keeps its place.
	 */
	private Mono<Integer> place(WaitlistEntry entry, OfferableSeats seats, List<String> block) {
		Hold proposed = this.holds.newHold(entry.userId(), seats.show(), seats.layout(), block,
				this.settings.offerTtl());
		Hold hold = new Hold(WaitlistEntry.offerHoldId(entry.entryId()), proposed.showId(), proposed.userId(),
				proposed.seatIds(), proposed.expiresAt(), proposed.totalPrice(), proposed.currency());
		return this.holds.offer(hold, this.settings.offerTtl())
			.flatMap((attempt) -> (attempt instanceof SeatHolds.Attempt.Placed) ? record(entry, hold) : Mono.just(0));
	}

	private Mono<Integer> record(WaitlistEntry entry, Hold hold) {
		WaitlistEvent.Offered event = new WaitlistEvent.Offered(UUID.randomUUID(), entry.entryId(), entry.showId(),
				entry.userId(), hold.holdId(), hold.seatIds(), hold.expiresAt(), this.clock.instant());
		return this.entries
			.markOffered(entry.entryId(), hold.holdId(), hold.seatIds(), hold.expiresAt(), this.clock.instant(),
					WaitlistEventCodec.toOutbox(event))
			.map((recorded) -> {
				if (recorded) {
					this.metrics.offered();
					log.info("Offered seats {} of show {} to waiting-list entry {}", hold.seatIds(), entry.showId(),
							entry.entryId());
				}
				return recorded ? 1 : 0;
			});
	}

	/** Another instance is offering for the show right now. */
	private static final class LockBusy extends RuntimeException {

		static final LockBusy INSTANCE = new LockBusy();

		private LockBusy() {
			super("The show's waiting list is being offered by another pass", null, false, false);
		}

	}

	/** Seats set aside that no entry could use go back on sale. */
	private Mono<List<String>> returnUnused(UUID showId, OfferableSeats seats, Set<String> used) {
		List<String> unused = seats.setAside().stream().filter((seat) -> !used.contains(seat)).toList();
		return this.holds.returnToSale(showId, unused);
	}

}
