package dev.boxoffice.ticket.r2dbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.boxoffice.ticket.Checkins;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The {@code checkins} table; its primary key on the booking makes a check-in once. */
@Repository
class R2dbcCheckins implements Checkins {

	private final DatabaseClient db;

	R2dbcCheckins(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Recorded> record(UUID bookingId, Instant now) {
		// One statement: the insert wins or the existing row is read, in one snapshot.
		return this.db.sql("""
				with inserted as (
				    insert into checkins (booking_id, checked_in_at) values (:booking, :now)
				    on conflict (booking_id) do nothing
				    returning checked_in_at)
				select checked_in_at, true as first from inserted
				union all
				select checked_in_at, false as first from checkins where booking_id = :booking
				limit 1
				""")
			.bind("booking", bookingId)
			.bind("now", now)
			.map((row) -> new Recorded(row.get("checked_in_at", OffsetDateTime.class).toInstant(),
					Boolean.TRUE.equals(row.get("first", Boolean.class))))
			.one()
			// A parallel scan inserted first and committed after this statement's
			// snapshot was taken: its row is visible to the next statement.
			.switchIfEmpty(
					Mono.defer(() -> this.db.sql("select checked_in_at from checkins where booking_id = :booking")
						.bind("booking", bookingId)
						.map((row) -> new Recorded(row.get("checked_in_at", OffsetDateTime.class).toInstant(), false))
						.one()));
	}

}
