package dev.boxoffice.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.Page;
import dev.boxoffice.booking.Bookings.HoldAlreadyBooked;
import dev.boxoffice.booking.Bookings.SeatsTaken;
import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.ShowNotFound;
import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.payment.Payment;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.Payments;
import dev.boxoffice.payment.Refunds;
import dev.boxoffice.payment.PaymentGateway.ChargeResult;
import dev.boxoffice.seating.DetachedChanges;
import dev.boxoffice.seating.Hold;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.seating.SeatChange;
import dev.boxoffice.seating.SeatChangeCodec;
import dev.boxoffice.seating.HoldNotFound;
import dev.boxoffice.seating.SeatHolds;
import dev.boxoffice.seating.SeatsUnavailable;
import dev.boxoffice.seating.ShowClosed;
import dev.boxoffice.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The booking lifecycle. Confirmation is: record the payment, charge, then ONE
 * transaction (booking, seats under the unique index, outbox, the payment marked booked
 * with its charge), then the hold goes. The payment record comes first so every charge
 * can be found: one that does not become a booking (a lost race, a crash) is refunded, in
 * the transaction that knows it, by a worker that keeps trying; a retry resumes the same
 * payment and never charges twice. A booking is never stored without a charge.
 */
@Service
public class BookingService {

	private final HoldService holds;

	private final Bookings bookings;

	private final PaymentGateway provider;

	private final Payments payments;

	private final Refunds refunds;

	private final CatalogLookup catalog;

	private final TicketCodes ticketCodes;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final ConfirmationMetrics confirmations;

	private final DetachedChanges detached;

	BookingService(HoldService holds, Bookings bookings, PaymentGateway provider, Payments payments, Refunds refunds,
			CatalogLookup catalog, TicketCodes ticketCodes, TransactionalOperator transaction, Clock clock,
			ConfirmationMetrics confirmations, DetachedChanges detached) {
		this.holds = holds;
		this.bookings = bookings;
		this.provider = provider;
		this.payments = payments;
		this.refunds = refunds;
		this.catalog = catalog;
		this.ticketCodes = ticketCodes;
		this.transaction = transaction;
		this.clock = clock;
		this.confirmations = confirmations;
		this.detached = detached;
	}

	/**
	 * Not detached from its caller, unlike a cancellation: a confirmation cut off is what
	 * a crash at that point leaves, which the reconciler settles (see the class comment),
	 * and the crash tests rehearse it through the caller going away. Cut off after the
	 * commit, the booked seats are missing from Redis's booked set until a retry or its
	 * next reload; PostgreSQL still refuses a second sale.
	 */
	public Mono<Booking> confirm(UUID userId, UUID holdId, String paymentToken) {
		return this.holds.findAny(holdId)
			.flatMap((hold) -> hold.isOwnedBy(userId) ? confirm(hold, paymentToken)
					: Mono.error(new HoldNotFound(holdId)))
			.switchIfEmpty(Mono.defer(() -> alreadyBooked(userId, holdId)))
			.as(this.confirmations::timed);
	}

	/**
	 * A hold that is gone may have become this user's booking (a retried confirm): the
	 * answer is that booking, and Redis is made to agree with it again. A hold that was
	 * charged and then cut off (a crash) is settled now, as the reconciler would: booked
	 * if its seats are still free, refunded if not. Else it expired.
	 */
	private Mono<Booking> alreadyBooked(UUID userId, UUID holdId) {
		return this.bookings.findByHold(holdId)
			.filter((booking) -> booking.userId().equals(userId))
			.flatMap((booking) -> recordInRedis(booking).thenReturn(booking))
			.switchIfEmpty(Mono.defer(() -> this.payments.ofHold(holdId)
				.filter((payment) -> payment.userId().equals(userId) && payment.state() == Payment.State.CHARGED)
				.flatMap((charged) -> settle(charged))
				.filter((state) -> state == Payment.State.BOOKED)
				.flatMap((booked) -> this.bookings.findByHold(holdId))))
			.switchIfEmpty(Mono.error(HoldExpired::new));
	}

	private Mono<Booking> confirm(Hold hold, String paymentToken) {
		return this.catalog.show(hold.showId())
			.switchIfEmpty(Mono.error(() -> new ShowNotFound(hold.showId())))
			.flatMap((show) -> {
				if (show.hasStarted(this.clock.instant())) {
					return Mono.error(new ShowClosed("The show has started"));
				}
				return this.payments.begin(intent(hold), this.clock.instant())
					.flatMap((payment) -> switch (payment.state()) {
						case BOOKED -> this.bookings.findByHold(hold.holdId())
							.flatMap((booking) -> recordInRedis(booking).thenReturn(booking));
						// Charged, then lost (a crash): resume it.
						case CHARGED -> store(hold, payment);
						case PENDING, DECLINED -> charge(hold, payment, paymentToken);
						default -> Mono.error(new HoldExpired());
					});
			});
	}

	private Mono<Booking> charge(Hold hold, Payment payment, String paymentToken) {
		return this.provider
			.charge(hold.holdId().toString(), hold.userId(), hold.totalPrice(), hold.currency(), paymentToken)
			.flatMap((charge) -> {
				// The charge is recorded with the booking, in its transaction: a crash
				// before that commit leaves the payment PENDING (or DECLINED), and the
				// provider, asked by hold, knows the charge (see settle).
				if (charge instanceof ChargeResult.Approved approved) {
					return store(hold, withCharge(payment, approved.chargeId()));
				}
				Mono<Void> declined = this.payments.declined(payment.paymentId(), this.clock.instant());
				return (charge instanceof ChargeResult.Declined) ? declined.then(Mono.error(new PaymentDeclined()))
						: declined.then(Mono.error(new InvalidPayment()));
			});
	}

	/**
	 * The booking and its payment's new state in one transaction. Losing the seats to
	 * another booking owes the charge back, recorded in the transaction that learns it;
	 * any other failure leaves the payment charged for a retry or the reconciler.
	 */
	private Mono<Booking> store(Hold hold, Payment payment) {
		Instant now = this.clock.instant();
		Booking booking = new Booking(UUID.randomUUID(), hold.userId(), hold.showId(), hold.holdId(), hold.seatIds(),
				Booking.Status.CONFIRMED, hold.totalPrice(), hold.currency(), this.ticketCodes.next(),
				payment.chargeId(), now);
		return this.bookings.insertConfirmed(booking, confirmedEvents(booking, now))
			.flatMap((stored) -> this.payments.booked(payment.paymentId(), payment.chargeId(), stored.bookingId(), now)
				.thenReturn(stored))
			.as(this.transaction::transactional)
			.flatMap((stored) -> this.holds.booked(hold).thenReturn(stored))
			// The same hold confirmed twice at once: the first booking stands, on the
			// same charge (it is idempotent by hold), so nothing is refunded.
			.onErrorResume(HoldAlreadyBooked.class,
					(duplicate) -> this.bookings.findByHold(hold.holdId())
						.flatMap((first) -> recordInRedis(first).thenReturn(first)))
			.onErrorResume(SeatsTaken.class,
					(taken) -> owe(payment, Payments.RefundReason.LOST_RACE).then(this.holds.discard(hold))
						.then(this.bookings.activeSeats(hold.showId(), hold.seatIds()))
						.flatMap((seats) -> this.holds.unavailable(hold.showId(), seats, hold.seatIds()))
						.flatMap((problem) -> Mono.<Booking>error(problem)));
	}

	/**
	 * Settles a payment whose hold is long gone without a booking (a crash between the
	 * charge and the booking's commit, a client that never came back): a charge the
	 * provider took, recorded or not, becomes its booking when its seats are still free,
	 * or is refunded; an attempt the provider never charged (declined ones included) is
	 * abandoned. Returns what became of it.
	 */
	public Mono<Payment.State> settle(Payment payment) {
		if (payment.state() == Payment.State.PENDING || payment.state() == Payment.State.DECLINED) {
			return this.provider.chargeOf(payment.holdId().toString())
				.flatMap((chargeId) -> this.payments.charged(payment.paymentId(), chargeId, this.clock.instant())
					.then(settle(withCharge(payment, chargeId))))
				.switchIfEmpty(Mono.defer(() -> this.payments.abandoned(payment.paymentId(), this.clock.instant())
					.thenReturn(Payment.State.ABANDONED)));
		}
		if (payment.state() != Payment.State.CHARGED) {
			return Mono.just(payment.state());
		}
		return this.bookings.findByHold(payment.holdId())
			.flatMap((booking) -> this.payments
				.booked(payment.paymentId(), payment.chargeId(), booking.bookingId(), this.clock.instant())
				.then(recordInRedis(booking))
				.thenReturn(Payment.State.BOOKED))
			.switchIfEmpty(Mono.defer(() -> this.holds.areFree(payment.showId(), payment.seatIds())
				.flatMap((free) -> free ? bookLate(payment)
						: owe(payment, Payments.RefundReason.UNBOOKABLE).thenReturn(Payment.State.REFUNDING))));
	}

	/**
	 * The booking its customer paid for, made after the fact: the database still decides.
	 */
	private Mono<Payment.State> bookLate(Payment payment) {
		Hold hold = new Hold(payment.holdId(), payment.showId(), payment.userId(), payment.seatIds(),
				payment.holdExpiresAt(), payment.amount(), payment.currency());
		return store(hold, payment).thenReturn(Payment.State.BOOKED)
			.onErrorResume(SeatsUnavailable.class, (lost) -> Mono.just(Payment.State.REFUNDING));
	}

	/** Records the refund owed (durably), then tries it at once. */
	private Mono<Void> owe(Payment payment, Payments.RefundReason reason) {
		return this.payments.owe(payment.paymentId(), payment.chargeId(), reason, this.clock.instant())
			.as(this.transaction::transactional)
			.then(this.refunds.attempt(payment.chargeId()));
	}

	/** After a commit, or again on a replay: Redis says booked, and the hold is gone. */
	private Mono<Void> recordInRedis(Booking booking) {
		return this.holds.completeBooking(new Hold(booking.holdId(), booking.showId(), booking.userId(),
				booking.seatIds(), booking.createdAt(), booking.totalPrice(), booking.currency()));
	}

	private Payment intent(Hold hold) {
		return new Payment(UUID.randomUUID(), hold.holdId(), hold.userId(), hold.showId(), hold.seatIds(),
				hold.totalPrice(), hold.currency(), hold.expiresAt(), Payment.State.PENDING, null, null);
	}

	private static Payment withCharge(Payment payment, String chargeId) {
		return new Payment(payment.paymentId(), payment.holdId(), payment.userId(), payment.showId(), payment.seatIds(),
				payment.amount(), payment.currency(), payment.holdExpiresAt(), Payment.State.CHARGED, chargeId,
				payment.bookingId());
	}

	public Mono<Booking> find(Caller caller, UUID bookingId) {
		return this.bookings.find(bookingId)
			.filter((booking) -> caller.admin() || booking.userId().equals(caller.userId()))
			.switchIfEmpty(Mono.error(() -> new BookingNotFound(bookingId)));
	}

	public Mono<Page<Booking>> list(UUID userId, int page, int size) {
		return this.bookings.ofUser(userId, page, size);
	}

	/**
	 * Runs to its end once asked for, even when the caller goes away: cut off between its
	 * commit and the release in Redis, the cancelled seats would stay booked there, out
	 * of sale and out of the waiting list's reach, until the booked set is next reloaded.
	 */
	public Mono<Booking> cancel(Caller caller, UUID bookingId) {
		return this.detached.toTheEnd(find(caller, bookingId).flatMap((booking) -> {
			if (booking.status() == Booking.Status.CANCELLED) {
				return Mono.error(new AlreadyCancelled());
			}
			// A show that is off sale is one whose movie was deleted after it ran.
			return this.catalog.show(booking.showId())
				.switchIfEmpty(Mono.error(CancellationClosed::new))
				.flatMap((show) -> {
					Instant now = this.clock.instant();
					if (show.hasStarted(now)) {
						return Mono.error(new CancellationClosed());
					}
					// The refund is owed in the cancellation's own transaction: a
					// crash after the commit cannot lose it.
					return this.bookings.cancel(booking, cancelledEvents(booking, now))
						.flatMap((cancelled) -> this.payments.ofHold(cancelled.holdId())
							.flatMap((payment) -> this.payments.owe(payment.paymentId(), cancelled.chargeId(),
									Payments.RefundReason.CANCELLED, now))
							.thenReturn(cancelled))
						.as(this.transaction::transactional)
						.switchIfEmpty(Mono.error(AlreadyCancelled::new))
						.flatMap((cancelled) -> this.refunds.attempt(cancelled.chargeId())
							.then(this.holds.freeCancelled(cancelled.showId(), cancelled.seatIds()))
							.flatMap((freed) -> announceSetAside(cancelled, freed))
							.thenReturn(cancelled));
				});
		}));
	}

	/**
	 * Seats of a cancellation that went to the waiting list: announced through the outbox
	 * after the cancellation's own release, so every consumer sees them in that order.
	 */
	private Mono<Void> announceSetAside(Booking cancelled, SeatHolds.Freed freed) {
		if (freed.setAside().isEmpty()) {
			return Mono.empty();
		}
		return this.bookings.announce(List.of(SeatChangeCodec.toOutbox(new SeatChange.SetAside(cancelled.showId(),
				freed.setAside(), SeatChange.Reason.CANCELLED, null, this.clock.instant()))));
	}

	private static List<OutboxMessage> confirmedEvents(Booking booking, Instant now) {
		return List.of(BookingEventCodec.toOutbox(new BookingEvent.Confirmed(UUID.randomUUID(), booking, now)),
				SeatChangeCodec
					.toOutbox(new SeatChange.Booked(booking.showId(), booking.seatIds(), booking.holdId(), now)));
	}

	private static List<OutboxMessage> cancelledEvents(Booking booking, Instant now) {
		return List.of(BookingEventCodec.toOutbox(new BookingEvent.Cancelled(UUID.randomUUID(), booking, now)),
				SeatChangeCodec.toOutbox(new SeatChange.Released(booking.showId(), booking.seatIds(),
						SeatChange.Reason.CANCELLED, null, now)));
	}

}
