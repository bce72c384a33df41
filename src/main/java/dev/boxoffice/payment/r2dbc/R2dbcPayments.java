package dev.boxoffice.payment.r2dbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.payment.Payment;
import dev.boxoffice.payment.Payment.State;
import dev.boxoffice.payment.Payments;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** {@link Payments} in PostgreSQL's {@code payments} and {@code refunds}. */
@Repository
class R2dbcPayments implements Payments {

	/**
	 * How long the refund worker leaves a refund just owed to the change that owes it,
	 * which tries it at once: long enough for that attempt, short for a crashed one.
	 */
	static final Duration OWNER_GOES_FIRST = Duration.ofSeconds(5);

	private static final String COLUMNS = "id, hold_id, user_id, show_id, seat_ids, amount, currency, hold_expires_at, "
			+ "state, charge_id, booking_id";

	private final DatabaseClient db;

	R2dbcPayments(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The hold's payment: recorded now as {@code PENDING}, or the one an earlier attempt
	 * recorded, which a retry resumes.
	 */
	@Override
	public Mono<Payment> begin(Payment intent, Instant now) {
		return this.db.sql("""
				insert into payments (id, hold_id, user_id, show_id, seat_ids, amount, currency, hold_expires_at,
				                      state, created_at, updated_at)
				values (:id, :hold, :user, :show, :seats, :amount, :currency, :expires, 'PENDING', :now, :now)
				on conflict (hold_id) do nothing
				returning\s""" + COLUMNS)
			.bind("id", intent.paymentId())
			.bind("hold", intent.holdId())
			.bind("user", intent.userId())
			.bind("show", intent.showId())
			.bind("seats", intent.seatIds().toArray(String[]::new))
			.bind("amount", intent.amount())
			.bind("currency", intent.currency())
			.bind("expires", intent.holdExpiresAt())
			.bind("now", now)
			.map(R2dbcPayments::payment)
			.one()
			// A retry: the row is the first attempt's, which the insert does not return.
			.switchIfEmpty(Mono.defer(() -> ofHold(intent.holdId())));
	}

	@Override
	public Mono<Payment> ofHold(UUID holdId) {
		return this.db.sql("select " + COLUMNS + " from payments where hold_id = :hold")
			.bind("hold", holdId)
			.map(R2dbcPayments::payment)
			.one();
	}

	/** A charge found at the provider after the fact (see {@link Payments#charged}). */
	@Override
	public Mono<Void> charged(UUID paymentId, String chargeId, Instant now) {
		return move(paymentId, "charge_id = :charge, state = 'CHARGED'", "state in ('PENDING', 'DECLINED')", now)
			.bind("charge", chargeId)
			.then();
	}

	@Override
	public Mono<Void> declined(UUID paymentId, Instant now) {
		return move(paymentId, "state = 'DECLINED'", "state = 'PENDING'", now).then();
	}

	/**
	 * Part of the booking's transaction: the charge became this booking. From
	 * {@code PENDING} or {@code DECLINED} when the charge was not recorded on its own.
	 */
	@Override
	public Mono<Void> booked(UUID paymentId, String chargeId, UUID bookingId, Instant now) {
		return move(paymentId, "state = 'BOOKED', charge_id = :charge, booking_id = :booking",
				"state in ('PENDING', 'DECLINED', 'CHARGED')", now)
			.bind("charge", chargeId)
			.bind("booking", bookingId)
			.then();
	}

	/** No charge was ever taken for a hold long gone. */
	@Override
	public Mono<Void> abandoned(UUID paymentId, Instant now) {
		return move(paymentId, "state = 'ABANDONED'", "state in ('PENDING', 'DECLINED')", now).then();
	}

	/**
	 * Part of the transaction of the change that owes it: the charge is to be given back.
	 * Owing the same charge twice records it once. The refund worker leaves it alone for
	 * {@link #OWNER_GOES_FIRST}: the change that owes it tries it at once after its
	 * commit, and a worker taking it first (skip locked) made that change answer before
	 * its refund was done.
	 */
	@Override
	public Mono<Void> owe(UUID paymentId, String chargeId, RefundReason reason, Instant now) {
		Mono<Void> refund = this.db.sql("""
				insert into refunds (charge_id, payment_id, reason, state, next_attempt_at, created_at)
				values (:charge, :payment, :reason, 'PENDING', :worker_after, :now)
				on conflict (charge_id) do nothing
				""")
			.bind("charge", chargeId)
			.bind("payment", paymentId)
			.bind("reason", reason.name())
			.bind("worker_after", now.plus(OWNER_GOES_FIRST))
			.bind("now", now)
			.then();
		// A charge that lost its race was never recorded on its own: it is recorded here.
		return refund.then(move(paymentId, "state = 'REFUNDING', charge_id = :charge",
				"state in ('PENDING', 'DECLINED', 'CHARGED', 'BOOKED')", now)
			.bind("charge", chargeId)
			.then());
	}

	/**
	 * Charges (or attempts, declined ones included) of holds gone for {@code grace} that
	 * did not become bookings.
	 */
	@Override
	public Flux<Payment> unsettled(Instant now, Duration grace, int max) {
		return this.db
			.sql("select " + COLUMNS
					+ " from payments where state in ('PENDING', 'DECLINED', 'CHARGED') and hold_expires_at < :before"
					+ " order by hold_expires_at limit :max")
			.bind("before", now.minus(grace))
			.bind("max", max)
			.map(R2dbcPayments::payment)
			.all();
	}

	private DatabaseClient.GenericExecuteSpec move(UUID paymentId, String set, String from, Instant now) {
		return this.db.sql("update payments set " + set + ", updated_at = :now where id = :id and " + from)
			.bind("id", paymentId)
			.bind("now", now);
	}

	private static Payment payment(Readable row) {
		String[] seats = row.get("seat_ids", String[].class);
		return new Payment(row.get("id", UUID.class), row.get("hold_id", UUID.class), row.get("user_id", UUID.class),
				row.get("show_id", UUID.class), (seats != null) ? Arrays.asList(seats) : List.of(),
				row.get("amount", Long.class), row.get("currency", String.class).trim(),
				row.get("hold_expires_at", Instant.class), State.valueOf(row.get("state", String.class)),
				row.get("charge_id", String.class), row.get("booking_id", UUID.class));
	}

}
