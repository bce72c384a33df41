package dev.boxoffice.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 */
@Component
class WaitlistOffers {

	private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);

	/** How many waiting entries one pass considers: far more than any release frees. */
	static final int QUEUE_LOOKAHEAD = 1_000;

	private static final Duration LOCK_WAIT = Duration.ofSeconds(3);

	private static final Duration LOCK_LEASE = Duration.ofSeconds(30);

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
	 * Offers what can be offered for the show now, under its lock; returns how many
	 * offers were made. Completes without offering when another instance holds the lock
	 * (it is doing the same).
	 */
	Mono<Integer> offer(UUID showId) {
		RLockReactive lock = this.redisson.getLock("boxoffice:waitlist:{" + showId + "}");
		long owner = ThreadLocalRandom.current().nextLong();
		return lock.tryLock(LOCK_WAIT.toMillis(), LOCK_LEASE.toMillis(), TimeUnit.MILLISECONDS, owner)
			.flatMap((locked) -> locked ? Mono.usingWhen(Mono.just(owner), (held) -> offerLocked(showId),
					(held) -> lock.unlock(held).onErrorResume((failure) -> {
						log.warn("Could not unlock the waiting list of show {}; its lease ends it", showId, failure);
						return Mono.empty();
					})) : Mono.just(0));
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

	private Mono<Integer> offerInTurn(List<WaitlistEntry> waiting, OfferableSeats seats) {
		Set<String> used = new HashSet<>();
		Flux<Integer> offers = Flux.fromIterable(waiting).concatMap((entry) -> offerTo(entry, seats, used));
		return offers.reduce(0, Integer::sum)
			.flatMap((made) -> returnUnused(seats.show().showId(), seats, used).thenReturn(made));
	}

	/**
	 * One entry's offer: adopted if an earlier owner placed it, else the best block it
	 * fits, placed then recorded; none when it cannot be seated together.
	 */
	private Mono<Integer> offerTo(WaitlistEntry entry, OfferableSeats seats, Set<String> used) {
		UUID holdId = WaitlistEntry.offerHoldId(entry.entryId());
		return this.holds.findAny(holdId)
			.flatMap((placed) -> record(entry, placed).doOnNext((recorded) -> used.addAll(placed.seatIds())))
			.switchIfEmpty(Mono.<Integer>defer(() -> {
				if (!seats.hasCategory(entry.category())) {
					return Mono.just(0);
				}
				List<String> block = seats.best(entry.count(), entry.category(), used);
				if (block.isEmpty()) {
					return Mono.just(0);
				}
				Hold proposed = this.holds.newHold(entry.userId(), seats.show(), seats.layout(), block,
						this.settings.offerTtl());
				Hold hold = new Hold(holdId, proposed.showId(), proposed.userId(), proposed.seatIds(),
						proposed.expiresAt(), proposed.totalPrice(), proposed.currency());
				return this.holds.offer(hold, this.settings.offerTtl()).flatMap((attempt) -> {
					if (!(attempt instanceof SeatHolds.Attempt.Placed)) {
						// A public hold won a free seat between the read and the offer:
						// those seats are gone for this pass, the entry keeps its place.
						used.addAll(block);
						return Mono.just(0);
					}
					used.addAll(block);
					return record(entry, hold);
				});
			}));
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

	/** Seats set aside that no entry could use go back on sale. */
	private Mono<List<String>> returnUnused(UUID showId, OfferableSeats seats, Set<String> used) {
		List<String> unused = seats.setAside().stream().filter((seat) -> !used.contains(seat)).toList();
		return this.holds.returnToSale(showId, unused);
	}

}
