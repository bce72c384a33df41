package dev.boxoffice.seating.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.boxoffice.seating.BookedSeats;
import dev.boxoffice.seating.Hold;
import dev.boxoffice.seating.SeatHolds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Holds in Redis. Key layout (every key of a show carries the show id as a Redis Cluster
 * hash tag, so one script can touch all of them in one slot):
 * <ul>
 * <li>{@code hold:{show}:<seatId>} = hold id, with the hold's TTL: the seat is held;</li>
 * <li>{@code holdrec:{show}:<holdId>} = the hold as JSON, same TTL;</li>
 * <li>{@code held:{show}} = sorted set of held seats by expiry: an index of the seat
 * keys, so a seat map reads the held seats without touching every seat of the hall;</li>
 * <li>{@code userheld:{show}:<userId>} = the same for one user: the hold cap;</li>
 * <li>{@code ver:{show}} = the seat-map version, advanced by every script that changes a
 * seat, in the same step;</li>
 * <li>{@code waiting:{show}} = how many waiting-list entries wait for the show; while any
 * do, freed seats are set aside ({@code hold:{show}:<seatId>} = {@code waitlist}) and
 * listed in {@code parked:{show}} until the waiting list offers them or returns
 * them;</li>
 * <li>{@code booked:{show}} = set of booked seat ids plus {@code __loaded__} once warmed
 * from PostgreSQL; it expires after an hour so any drift heals by a reload;</li>
 * <li>{@code holdref:<holdId>} = show id, so a hold can be found by its id alone;</li>
 * <li>{@code hold-expiries} = sorted set of {@code showId|holdId|user|expiry|seat,seat}
 * by expiry time: the sweep index. Removing a member is the atomic claim that lets
 * exactly one instance announce an expiry.</li>
 * </ul>
 */
@Repository
class RedisSeatHolds implements SeatHolds {

	static final String EXPIRIES = "hold-expiries";

	private static final Duration BOOKED_SET_TTL = Duration.ofHours(1);

	/**
	 * How long a seat stays set aside for the waiting list: the waiting list offers it
	 * within moments; if no instance does (all of them down), it goes back on sale by
	 * itself after this.
	 */
	static final Duration SET_ASIDE = Duration.ofMinutes(2);

	/**
	 * Longer than a hold, so a hold found just before it expires can still be confirmed.
	 */
	private static final Duration REFERENCE_GRACE = Duration.ofMinutes(5);

	private final ReactiveStringRedisTemplate redis;

	private final BookedSeats bookedSeats;

	private final JsonMapper json;

	private final RedisScript<List> holdSeats = script("hold-seats");

	private final RedisScript<List> releaseHold = script("release-hold");

	private final RedisScript<Long> bookHold = LuaScript.load("book-hold", Long.class);

	private final RedisScript<List> freeBooked = script("free-booked");

	private final RedisScript<List> offerSeats = script("offer-seats");

	private final RedisScript<List> unparkSeats = script("unpark-seats");

	private final RedisScript<List> waitlistSeats = script("waitlist-seats");

	private final RedisScript<Long> setWaiting = LuaScript.load("set-waiting", Long.class);

	private final RedisScript<List> seatStates = script("seat-states");

	private final RedisScript<Long> warmBooked = LuaScript.load("warm-booked", Long.class);

	RedisSeatHolds(ReactiveStringRedisTemplate redis, BookedSeats bookedSeats, JsonMapper json) {
		this.redis = redis;
		this.bookedSeats = bookedSeats;
		this.json = json;
	}

	@Override
	public Mono<Attempt> tryHold(Hold hold, Duration ttl, int cap) {
		List<String> keys = holdKeys(hold);
		List<String> args = new ArrayList<>(hold.seatIds().size() + 4);
		args.add(hold.holdId().toString());
		args.add(String.valueOf(ttl.toMillis()));
		args.add(this.json.writeValueAsString(hold));
		args.add(String.valueOf(cap));
		args.addAll(hold.seatIds());
		return warmIfCold(hold.showId(), () -> run(this.holdSeats, keys, args))
			.flatMap((reply) -> switch (reply.get(0)) {
				case "HELD" -> index(hold, ttl).thenReturn((Attempt) new Attempt.Placed());
				case "LIMIT" -> Mono.just((Attempt) new Attempt.OverCap(Integer.parseInt(reply.get(1))));
				default -> Mono.just((Attempt) new Attempt.Taken(reply.subList(1, reply.size())));
			});
	}

	/**
	 * The reference and the sweep index live outside the show's slot, so they follow the
	 * script.
	 */
	private Mono<Void> index(Hold hold, Duration ttl) {
		Mono<Boolean> reference = this.redis.opsForValue()
			.set(reference(hold.holdId()), hold.showId().toString(), ttl.plus(REFERENCE_GRACE));
		Mono<Boolean> expiry = this.redis.opsForZSet()
			.add(EXPIRIES, expiryMember(hold), hold.expiresAt().toEpochMilli());
		return Mono.when(reference, expiry);
	}

	@Override
	public Mono<Hold> find(UUID holdId) {
		return this.redis.opsForValue()
			.get(reference(holdId))
			.flatMap((show) -> this.redis.opsForValue().get(record(UUID.fromString(show), holdId)))
			.map((record) -> this.json.readValue(record, Hold.class));
	}

	@Override
	public Mono<Freed> release(Hold hold) {
		List<String> args = new ArrayList<>(hold.seatIds().size() + 2);
		args.add(hold.holdId().toString());
		args.add(String.valueOf(SET_ASIDE.toMillis()));
		args.addAll(hold.seatIds());
		return run(this.releaseHold, holdKeys(hold), args).flatMap(
				(reply) -> Mono
					.when(this.redis.delete(reference(hold.holdId())),
							this.redis.opsForZSet().remove(EXPIRIES, expiryMember(hold)))
					.thenReturn(freed(reply)));
	}

	@Override
	public Mono<Attempt> offer(Hold hold, Duration ttl) {
		List<String> args = new ArrayList<>(hold.seatIds().size() + 3);
		args.add(hold.holdId().toString());
		args.add(String.valueOf(ttl.toMillis()));
		args.add(this.json.writeValueAsString(hold));
		args.addAll(hold.seatIds());
		return run(this.offerSeats, holdKeys(hold), args).flatMap(
				(reply) -> "HELD".equals(reply.get(0)) ? index(hold, ttl).thenReturn((Attempt) new Attempt.Placed())
						: Mono.just((Attempt) new Attempt.Taken(reply.subList(1, reply.size()))));
	}

	@Override
	public Mono<Set<String>> setAside(UUID showId) {
		return run(this.waitlistSeats, List.of(held(showId), parked(showId)), List.of()).map(HashSet::new);
	}

	@Override
	public Mono<List<String>> returnToSale(UUID showId, Collection<String> seatIds) {
		List<String> keys = new ArrayList<>(seatIds.size() + 3);
		keys.add(held(showId));
		keys.add(versionKey(showId));
		keys.add(parked(showId));
		seatIds.forEach((seat) -> keys.add(seat(showId, seat)));
		return run(this.unparkSeats, keys, List.copyOf(seatIds));
	}

	@Override
	public Mono<Void> waiting(UUID showId, int entries) {
		return this.redis
			.execute(this.setWaiting, List.of(waiting(showId), versionKey(showId)),
					List.of(String.valueOf(entries), "exact"))
			.then();
	}

	@Override
	public Mono<Void> someoneWaits(UUID showId) {
		return this.redis
			.execute(this.setWaiting, List.of(waiting(showId), versionKey(showId)), List.of("1", "at-least"))
			.then();
	}

	/** {@code free..., '|', setAside...} as the scripts answer. */
	private static Freed freed(List<String> reply) {
		int separator = reply.indexOf("|");
		if (separator < 0) {
			return new Freed(List.copyOf(reply), List.of());
		}
		return new Freed(List.copyOf(reply.subList(0, separator)),
				List.copyOf(reply.subList(separator + 1, reply.size())));
	}

	@Override
	public Mono<Void> completeBooking(Hold hold) {
		return this.redis.execute(this.bookHold, holdKeys(hold), holdArgs(hold))
			.then(Mono.when(this.redis.delete(reference(hold.holdId())),
					this.redis.opsForZSet().remove(EXPIRIES, expiryMember(hold))));
	}

	@Override
	public Mono<Freed> freeBooked(UUID showId, Collection<String> seatIds) {
		List<String> keys = new ArrayList<>(seatIds.size() + 5);
		keys.add(booked(showId));
		keys.add(held(showId));
		keys.add(versionKey(showId));
		keys.add(waiting(showId));
		keys.add(parked(showId));
		seatIds.forEach((seat) -> keys.add(seat(showId, seat)));
		List<String> args = new ArrayList<>(seatIds.size() + 1);
		args.add(String.valueOf(SET_ASIDE.toMillis()));
		args.addAll(seatIds);
		return run(this.freeBooked, keys, args).map(RedisSeatHolds::freed);
	}

	@Override
	public Mono<SeatStates> states(UUID showId) {
		List<String> keys = List.of(booked(showId), held(showId), versionKey(showId), waiting(showId));
		return warmIfCold(showId, () -> run(this.seatStates, keys, List.of())).map((reply) -> {
			int separator = reply.indexOf("|");
			long untilNextExpiry = Long.parseLong(reply.get(2));
			return new SeatStates(reply.get(1), new HashSet<>(reply.subList(3, separator)),
					new HashSet<>(reply.subList(separator + 1, reply.size())),
					(untilNextExpiry < 0) ? null : Duration.ofMillis(untilNextExpiry));
		});
	}

	@Override
	public Mono<String> version(UUID showId) {
		return this.redis.opsForValue().get(versionKey(showId)).defaultIfEmpty("0");
	}

	/**
	 * The range is read whole before any expiry is handled: streamed, the command would
	 * stay open while each release runs, and a batch slower than the command timeout
	 * (hundreds of expiries at once) would fail on every round and never drain.
	 */
	@Override
	public Flux<Hold> claimExpired(Instant now, int max) {
		return this.redis.opsForZSet()
			.rangeByScore(EXPIRIES, Range.closed(0.0, (double) now.toEpochMilli()), Limit.limit().count(max))
			.collectList()
			.flatMapIterable((members) -> members)
			.concatMap((member) -> this.redis.opsForZSet()
				.remove(EXPIRIES, member)
				.filter((removed) -> removed == 1)
				.map((claimed) -> fromExpiryMember(member)));
	}

	/**
	 * Runs a script that needs the booked set; warms the set from PostgreSQL once if it
	 * is cold.
	 */
	private Mono<List<String>> warmIfCold(UUID showId, Supplier<Mono<List<String>>> script) {
		return script.get()
			.flatMap((reply) -> "COLD".equals(reply.get(0)) ? warm(showId).then(script.get()) : Mono.just(reply));
	}

	private Mono<Void> warm(UUID showId) {
		return this.bookedSeats.of(showId).collectList().flatMap((seats) -> {
			List<String> args = new ArrayList<>(seats.size() + 2);
			args.add(String.valueOf(BOOKED_SET_TTL.toMillis()));
			args.add(String.valueOf(ThreadLocalRandom.current().nextLong(1L << 52)));
			args.addAll(seats);
			return this.redis.execute(this.warmBooked, List.of(booked(showId), versionKey(showId)), args).then();
		});
	}

	@SuppressWarnings("unchecked")
	private Mono<List<String>> run(RedisScript<List> script, List<String> keys, List<String> args) {
		return this.redis.execute(script, keys, args)
			.next()
			.map((reply) -> (List<String>) reply)
			.defaultIfEmpty(List.of());
	}

	/** The keys every hold script takes, in their order. */
	private static List<String> holdKeys(Hold hold) {
		UUID show = hold.showId();
		List<String> keys = new ArrayList<>(hold.seatIds().size() + 7);
		keys.add(booked(show));
		keys.add(record(show, hold.holdId()));
		keys.add(held(show));
		keys.add(versionKey(show));
		keys.add("userheld:{" + show + "}:" + hold.userId());
		keys.add(waiting(show));
		keys.add(parked(show));
		hold.seatIds().forEach((seat) -> keys.add(seat(show, seat)));
		return keys;
	}

	private static List<String> holdArgs(Hold hold) {
		List<String> args = new ArrayList<>(hold.seatIds().size() + 1);
		args.add(hold.holdId().toString());
		args.addAll(hold.seatIds());
		return args;
	}

	static String seat(UUID showId, String seatId) {
		return "hold:{" + showId + "}:" + seatId;
	}

	static String record(UUID showId, UUID holdId) {
		return "holdrec:{" + showId + "}:" + holdId;
	}

	static String booked(UUID showId) {
		return "booked:{" + showId + "}";
	}

	static String held(UUID showId) {
		return "held:{" + showId + "}";
	}

	static String versionKey(UUID showId) {
		return "ver:{" + showId + "}";
	}

	static String waiting(UUID showId) {
		return "waiting:{" + showId + "}";
	}

	static String parked(UUID showId) {
		return "parked:{" + showId + "}";
	}

	static String reference(UUID holdId) {
		return "holdref:" + holdId;
	}

	/**
	 * Self-contained, so a sweeper can release a hold even after its record has expired.
	 */
	private static String expiryMember(Hold hold) {
		return hold.showId() + "|" + hold.holdId() + "|" + hold.userId() + "|" + hold.expiresAt().toEpochMilli() + "|"
				+ String.join(",", hold.seatIds());
	}

	private static Hold fromExpiryMember(String member) {
		String[] parts = member.split("\\|", 5);
		return new Hold(UUID.fromString(parts[1]), UUID.fromString(parts[0]), UUID.fromString(parts[2]),
				List.of(parts[4].split(",")), Instant.ofEpochMilli(Long.parseLong(parts[3])), 0, "");
	}

	private static RedisScript<List> script(String name) {
		return LuaScript.load(name, List.class);
	}

}
