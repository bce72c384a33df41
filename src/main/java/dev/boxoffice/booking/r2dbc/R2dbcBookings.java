package dev.boxoffice.booking.r2dbc;

import org.springframework.dao.DuplicateKeyException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.booking.Booking;
import dev.boxoffice.booking.Bookings;
import dev.boxoffice.catalog.ShowBookings;
import dev.boxoffice.events.Outbox;
import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.seating.BookedSeats;
import dev.boxoffice.Page;
import io.r2dbc.spi.Readable;
import io.r2dbc.postgresql.api.PostgresqlException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

@Repository
class R2dbcBookings implements Bookings, BookedSeats, ShowBookings {

	private static final String SELECT = """
			select b.*, array(select s.seat_id from booking_seats s where s.booking_id = b.id order by s.seat_id) as seats
			from bookings b
			""";

	private final DatabaseClient db;

	private final Outbox outbox;

	private final TransactionalOperator transaction;

	R2dbcBookings(DatabaseClient db, Outbox outbox, TransactionalOperator transaction) {
		this.db = db;
		this.outbox = outbox;
		this.transaction = transaction;
	}

	@Override
	public Mono<Booking> insertConfirmed(Booking booking, List<OutboxMessage> events) {
		// The booking and all its seats in one statement. The partial unique index
		// refuses any seat already in an active booking, whatever Redis believed.
		Mono<Void> insertBooking = this.db.sql("""
				with booking as (
				    insert into bookings (id, user_id, show_id, hold_id, status, total_price, currency, ticket_code,
				                          charge_id, created_at)
				    values (:id, :user, :show, :hold, 'CONFIRMED', :total, :currency, :ticket, :charge, :createdAt)
				    returning id, show_id
				)
				insert into booking_seats (booking_id, show_id, seat_id)
				select booking.id, booking.show_id, seat from booking, unnest(:seats::text[]) seat
				""")
			.bind("id", booking.bookingId())
			.bind("user", booking.userId())
			.bind("show", booking.showId())
			.bind("hold", booking.holdId())
			.bind("total", booking.totalPrice())
			.bind("currency", booking.currency())
			.bind("ticket", booking.ticketCode())
			.bind("charge", booking.chargeId())
			.bind("createdAt", booking.createdAt())
			.bind("seats", booking.seatIds().toArray(String[]::new))
			.then();
		return insertBooking.then(this.outbox.append(events))
			.as(this.transaction::transactional)
			.thenReturn(booking)
			.onErrorMap(DuplicateKeyException.class, (failure) -> violates(failure, "bookings_hold_id_key")
					? new HoldAlreadyBooked(failure) : new SeatsTaken(failure));
	}

	/**
	 * By the constraint's name, which PostgreSQL reports apart: the message also quotes
	 * the statement, which names every column it writes.
	 */
	private static boolean violates(DuplicateKeyException failure, String constraint) {
		return failure.getCause() instanceof PostgresqlException postgres
				&& postgres.getErrorDetails().getConstraintName().filter(constraint::equals).isPresent();
	}

	@Override
	public Mono<Booking> find(UUID bookingId) {
		return this.db.sql(SELECT + " where b.id = :id").bind("id", bookingId).map(R2dbcBookings::booking).one();
	}

	@Override
	public Mono<Booking> findByHold(UUID holdId) {
		return this.db.sql(SELECT + " where b.hold_id = :hold").bind("hold", holdId).map(R2dbcBookings::booking).one();
	}

	@Override
	public Mono<Booking> findByTicketCode(String ticketCode) {
		return this.db.sql(SELECT + " where b.ticket_code = :code")
			.bind("code", ticketCode)
			.map(R2dbcBookings::booking)
			.one();
	}

	@Override
	public Mono<Page<Booking>> ofUser(UUID userId, int page, int size) {
		Mono<List<Booking>> items = this.db
			.sql(SELECT + " where b.user_id = :user order by b.created_at desc, b.id limit :limit offset :offset")
			.bind("user", userId)
			.bind("limit", size)
			.bind("offset", (long) page * size)
			.map(R2dbcBookings::booking)
			.all()
			.collectList();
		Mono<Long> total = this.db.sql("select count(*) from bookings where user_id = :user")
			.bind("user", userId)
			.map((row) -> row.get(0, Long.class))
			.one();
		return Mono.zip(items, total, (list, count) -> new Page<>(list, page, size, count));
	}

	@Override
	public Mono<Booking> cancel(Booking booking, List<OutboxMessage> events) {
		Mono<Long> update = this.db.sql("""
				update bookings set status = 'CANCELLED', cancelled_at = now()
				where id = :id and status = 'CONFIRMED'
				""").bind("id", booking.bookingId()).fetch().rowsUpdated();
		Mono<Void> freeSeats = this.db.sql("update booking_seats set active = false where booking_id = :id")
			.bind("id", booking.bookingId())
			.then();
		return update.filter((updated) -> updated == 1)
			.flatMap((updated) -> freeSeats.then(this.outbox.append(events)).thenReturn(booking.cancelled()))
			.as(this.transaction::transactional);
	}

	@Override
	public Mono<Void> announce(List<OutboxMessage> events) {
		return this.outbox.append(events);
	}

	@Override
	public Mono<Boolean> anyActive(Collection<UUID> showIds) {
		return this.db
			.sql("select exists (select 1 from bookings where show_id = any(:shows) and status = 'CONFIRMED')")
			.bind("shows", showIds.toArray(UUID[]::new))
			.map((row) -> row.get(0, Boolean.class))
			.one();
	}

	@Override
	public Mono<Long> revenue(UUID showId) {
		return this.db
			.sql("select coalesce(sum(total_price), 0) from bookings where show_id = :show and status = 'CONFIRMED'")
			.bind("show", showId)
			.map((row) -> ((Number) row.get(0)).longValue())
			.one();
	}

	@Override
	public Mono<List<String>> activeSeats(UUID showId, List<String> seatIds) {
		return this.db.sql("""
				select seat_id from booking_seats
				where show_id = :show and active and seat_id = any(:seats::text[]) order by seat_id
				""")
			.bind("show", showId)
			.bind("seats", seatIds.toArray(String[]::new))
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList();
	}

	@Override
	public Flux<String> of(UUID showId) {
		return this.db.sql("select seat_id from booking_seats where show_id = :show and active")
			.bind("show", showId)
			.map((row) -> row.get(0, String.class))
			.all();
	}

	private static Booking booking(Readable row) {
		return new Booking(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("show_id", UUID.class),
				row.get("hold_id", UUID.class), Arrays.asList(row.get("seats", String[].class)),
				Booking.Status.valueOf(row.get("status", String.class)), row.get("total_price", Long.class),
				row.get("currency", String.class).trim(), row.get("ticket_code", String.class),
				row.get("charge_id", String.class), row.get("created_at", Instant.class));
	}

}
