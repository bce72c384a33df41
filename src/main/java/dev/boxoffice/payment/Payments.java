package dev.boxoffice.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where payments and the refunds owed are recorded. A change that owes money back records
 * the refund in its own transaction (call {@link #owe} inside it); {@link Refunds}
 * carries it out.
 */
public interface Payments {

	/**
	 * The hold's payment: recorded now as {@code PENDING}, or the one an earlier attempt
	 * recorded, which a retry resumes.
	 */
	Mono<Payment> begin(Payment intent, Instant now);

	Mono<Payment> ofHold(UUID holdId);

	/**
	 * A charge the provider took that no booking recorded (an instance cut off before the
	 * booking's commit), found by asking the provider; a confirmation records its charge
	 * with {@link #booked} instead.
	 */
	Mono<Void> charged(UUID paymentId, String chargeId, Instant now);

	Mono<Void> declined(UUID paymentId, Instant now);

	/**
	 * Part of the booking's transaction: the charge became this booking. The charge is
	 * recorded here too, so a confirmation commits once after the provider answers.
	 */
	Mono<Void> booked(UUID paymentId, String chargeId, UUID bookingId, Instant now);

	/** No charge was ever taken for a hold long gone. */
	Mono<Void> abandoned(UUID paymentId, Instant now);

	/**
	 * Part of the transaction of the change that owes it: the charge is to be given back
	 * (and recorded, if the payment did not know it yet). Owing the same charge twice
	 * records it once.
	 */
	Mono<Void> owe(UUID paymentId, String chargeId, RefundReason reason, Instant now);

	/**
	 * Charges (or attempts, declined ones included) of holds gone for {@code grace} that
	 * did not become bookings.
	 */
	Flux<Payment> unsettled(Instant now, Duration grace, int max);

	/** Why a charge is owed back. */
	enum RefundReason {

		/** The customer cancelled the booking. */
		CANCELLED,
		/** The confirmation lost its seats to another booking. */
		LOST_RACE,
		/** Found after a crash: the seats could no longer be booked for it. */
		UNBOOKABLE

	}

}
