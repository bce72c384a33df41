package dev.boxoffice.seating;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link SeatHolds} in memory, on a clock the test controls: the same contract as the
 * Redis adapter (all or nothing, release only what the hold still owns, a version that
 * moves with every change), without Redis, for tests in virtual time.
 */
public class InMemorySeatHolds implements SeatHolds {

	private final Clock clock;

	/** show -> seat -> the hold that has it, while its time lasts. */
	private final Map<UUID, Map<String, Hold>> held = new HashMap<>();

	private final Map<UUID, Set<String>> booked = new HashMap<>();

	private final Map<UUID, Hold> holds = new HashMap<>();

	private final Set<Hold> unswept = new HashSet<>();

	private long version;

	public InMemorySeatHolds(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Mono<Attempt> tryHold(Hold hold, Duration ttl, int cap) {
		Map<String, Hold> seats = this.held.computeIfAbsent(hold.showId(), (show) -> new HashMap<>());
		List<String> taken = hold.seatIds()
			.stream()
			.filter((seat) -> isHeld(seats.get(seat)) || bookedOf(hold.showId()).contains(seat))
			.toList();
		if (!taken.isEmpty()) {
			return Mono.just(new Attempt.Taken(taken));
		}
		hold.seatIds().forEach((seat) -> seats.put(seat, hold));
		this.holds.put(hold.holdId(), hold);
		this.unswept.add(hold);
		this.version++;
		return Mono.just(new Attempt.Placed());
	}

	@Override
	public synchronized Mono<Hold> find(UUID holdId) {
		Hold hold = this.holds.get(holdId);
		return isHeld(hold) ? Mono.just(hold) : Mono.empty();
	}

	@Override
	public synchronized Mono<Freed> release(Hold hold) {
		Map<String, Hold> seats = this.held.getOrDefault(hold.showId(), Map.of());
		List<String> freed = new ArrayList<>();
		for (String seat : hold.seatIds()) {
			Hold holder = seats.get(seat);
			if (holder != null && holder.holdId().equals(hold.holdId()) || !isHeld(holder)) {
				seats.remove(seat);
				if (!bookedOf(hold.showId()).contains(seat)) {
					freed.add(seat);
				}
			}
		}
		this.holds.remove(hold.holdId());
		this.unswept.removeIf((known) -> known.holdId().equals(hold.holdId()));
		this.version += freed.isEmpty() ? 0 : 1;
		return Mono.just(new Freed(freed, List.of()));
	}

	@Override
	public synchronized Mono<Void> completeBooking(Hold hold) {
		bookedOf(hold.showId()).addAll(hold.seatIds());
		release(hold);
		this.version++;
		return Mono.empty();
	}

	@Override
	public synchronized Mono<Freed> freeBooked(UUID showId, Collection<String> seatIds) {
		bookedOf(showId).removeAll(seatIds);
		this.version++;
		return Mono.just(new Freed(List.copyOf(seatIds), List.of()));
	}

	/** No waiting list here: an offer is a hold without a cap. */
	@Override
	public Mono<Attempt> offer(Hold hold, Duration ttl) {
		return tryHold(hold, ttl, 0);
	}

	@Override
	public Mono<Set<String>> setAside(UUID showId) {
		return Mono.just(Set.of());
	}

	@Override
	public Mono<List<String>> returnToSale(UUID showId, Collection<String> seatIds) {
		return Mono.just(List.of());
	}

	@Override
	public Mono<Void> waiting(UUID showId, int entries) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> someoneWaits(UUID showId) {
		return Mono.empty();
	}

	@Override
	public synchronized Mono<SeatStates> states(UUID showId) {
		Set<String> heldSeats = new HashSet<>();
		this.held.getOrDefault(showId, Map.of()).forEach((seat, hold) -> {
			if (isHeld(hold)) {
				heldSeats.add(seat);
			}
		});
		return Mono
			.just(new SeatStates(String.valueOf(this.version), new HashSet<>(bookedOf(showId)), heldSeats, null));
	}

	@Override
	public synchronized Mono<String> version(UUID showId) {
		return Mono.just(String.valueOf(this.version));
	}

	@Override
	public synchronized Flux<Hold> claimExpired(Instant now, int max) {
		List<Hold> expired = this.unswept.stream().filter((hold) -> !hold.expiresAt().isAfter(now)).limit(max).toList();
		expired.forEach(this.unswept::remove);
		return Flux.fromIterable(expired);
	}

	public synchronized boolean isBooked(UUID showId, String seat) {
		return bookedOf(showId).contains(seat);
	}

	private boolean isHeld(Hold hold) {
		return hold != null && hold.expiresAt().isAfter(this.clock.instant());
	}

	private Set<String> bookedOf(UUID showId) {
		return this.booked.computeIfAbsent(showId, (show) -> new HashSet<>());
	}

}
