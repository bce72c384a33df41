package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.events.Outbox;
import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.waitlist.WaitlistEntry.Status;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The waiting lists, in PostgreSQL's {@code waitlist_entries}. A position is counted when
 * it is read, so it stays right as people ahead leave or are served.
 */
@Repository
class WaitlistEntries {

	private static final String SELECT = """
			select e.*,
			       case when e.status = 'WAITING' then
			            (select count(*) from waitlist_entries w
			             where w.show_id = e.show_id and w.status = 'WAITING' and w.seq <= e.seq)
			       end as position
			from waitlist_entries e
			""";

	private final DatabaseClient db;

	private final Outbox outbox;

	private final TransactionalOperator transaction;

	WaitlistEntries(DatabaseClient db, Outbox outbox, TransactionalOperator transaction) {
		this.db = db;
		this.outbox = outbox;
		this.transaction = transaction;
	}

	/** Writes the entry and its event in one transaction. */
	Mono<WaitlistEntry> insert(WaitlistEntry entry, OutboxMessage joined) {
		return this.db
			.sql("""
					insert into waitlist_entries (id, show_id, user_id, seat_count, category, status, created_at, updated_at)
					values (:id, :show, :user, :count, :category, 'WAITING', :createdAt, :createdAt)
					""")
			.bind("id", entry.entryId())
			.bind("show", entry.showId())
			.bind("user", entry.userId())
			.bind("count", entry.count())
			.bind("category", Parameter.fromOrEmpty(entry.category(), String.class))
			.bind("createdAt", entry.createdAt())
			.then()
			.then(this.outbox.append(joined))
			.as(this.transaction::transactional)
			.then(find(entry.entryId()))
			.onErrorMap(DuplicateKeyException.class, (taken) -> new AlreadyWaiting());
	}

	Mono<WaitlistEntry> find(UUID entryId) {
		return this.db.sql(SELECT + " where e.id = :id").bind("id", entryId).map(WaitlistEntries::entry).one();
	}

	Flux<WaitlistEntry> ofUser(UUID userId) {
		return this.db.sql(SELECT + " where e.user_id = :user order by e.created_at desc, e.seq desc")
			.bind("user", userId)
			.map(WaitlistEntries::entry)
			.all();
	}

	/** The show's waiting entries, first come first. */
	Flux<WaitlistEntry> waiting(UUID showId, int max) {
		return this.db.sql(SELECT + " where e.show_id = :show and e.status = 'WAITING' order by e.seq limit :max")
			.bind("show", showId)
			.bind("max", max)
			.map(WaitlistEntries::entry)
			.all();
	}

	/** People and seats waiting for a show. */
	Mono<Waiting> countWaiting(UUID showId) {
		return this.db.sql("""
				select count(*) as people, coalesce(sum(seat_count), 0) as seats
				from waitlist_entries where show_id = :show and status = 'WAITING'
				""")
			.bind("show", showId)
			.map((row) -> new Waiting(((Number) row.get("people")).intValue(), ((Number) row.get("seats")).intValue()))
			.one();
	}

	/** Entries waiting, over every show. */
	Mono<Long> countAllWaiting() {
		return this.db.sql("select count(*) from waitlist_entries where status = 'WAITING'")
			.map((row) -> ((Number) row.get(0)).longValue())
			.one();
	}

	/**
	 * Records an offer that is already placed, with its event, in one transaction; false
	 * when the entry no longer waits (it left, or another instance recorded it).
	 */
	Mono<Boolean> markOffered(UUID entryId, UUID holdId, List<String> seats, Instant expiresAt, Instant now,
			OutboxMessage offered) {
		return this.db.sql("""
				update waitlist_entries
				set status = 'OFFERED', hold_id = :hold, offered_seats = :seats, offer_expires_at = :expires,
				    updated_at = :now
				where id = :id and status = 'WAITING'
				""")
			.bind("hold", holdId)
			.bind("seats", seats.toArray(String[]::new))
			.bind("expires", expiresAt)
			.bind("now", now)
			.bind("id", entryId)
			.fetch()
			.rowsUpdated()
			.flatMap((updated) -> (updated == 1) ? this.outbox.append(offered).thenReturn(true) : Mono.just(false))
			.as(this.transaction::transactional);
	}

	/** The offer of this hold ends the entry: booked, or run out (or declined). */
	Mono<WaitlistEntry> closeOffer(UUID holdId, Status outcome, Instant now) {
		return this.db.sql("""
				update waitlist_entries set status = :status, updated_at = :now
				where hold_id = :hold and status = 'OFFERED' returning id
				""")
			.bind("status", outcome.name())
			.bind("now", now)
			.bind("hold", holdId)
			.map((row) -> row.get("id", UUID.class))
			.one()
			.flatMap(this::find);
	}

	/** Offers whose time is up by {@code now}: their entries expire. */
	Flux<UUID> expireLapsedOffers(Instant now) {
		return this.db.sql("""
				update waitlist_entries set status = 'EXPIRED', updated_at = :now
				where status = 'OFFERED' and offer_expires_at < :now returning show_id
				""").bind("now", now).map((row) -> row.get("show_id", UUID.class)).all();
	}

	/** Entries of shows that have started: nobody can be seated any more. */
	Flux<UUID> expireStarted(Flux<UUID> startedShows, Instant now) {
		return startedShows.collectList()
			.filter((shows) -> !shows.isEmpty())
			.flatMapMany((shows) -> this.db.sql("""
					update waitlist_entries set status = 'EXPIRED', updated_at = :now
					where show_id = any(:shows) and status in ('WAITING', 'OFFERED') returning show_id
					""")
				.bind("now", now)
				.bind("shows", shows.toArray(UUID[]::new))
				.map((row) -> row.get("show_id", UUID.class))
				.all());
	}

	/**
	 * Shows with somebody waiting or offered, or whose list changed lately (its last
	 * entry may have left with seats still set aside).
	 */
	Flux<UUID> activeShows(Instant since) {
		return this.db.sql("""
				select distinct show_id from waitlist_entries
				where status in ('WAITING', 'OFFERED') or updated_at > :since
				""").bind("since", since).map((row) -> row.get(0, UUID.class)).all();
	}

	Mono<Boolean> delete(UUID entryId) {
		return this.db.sql("delete from waitlist_entries where id = :id")
			.bind("id", entryId)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted == 1);
	}

	private static WaitlistEntry entry(Readable row) {
		Number position = row.get("position", Number.class);
		String[] seats = row.get("offered_seats", String[].class);
		Status status = Status.valueOf(row.get("status", String.class));
		boolean offered = status == Status.OFFERED;
		return new WaitlistEntry(row.get("id", UUID.class), row.get("show_id", UUID.class),
				row.get("user_id", UUID.class), row.get("seat_count", Integer.class), row.get("category", String.class),
				status, (position != null) ? position.intValue() : null,
				offered ? row.get("hold_id", UUID.class) : null,
				(offered && seats != null) ? Arrays.asList(seats) : List.of(),
				offered ? row.get("offer_expires_at", Instant.class) : null, row.get("created_at", Instant.class));
	}

}
