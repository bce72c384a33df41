package dev.boxoffice.booking;

import dev.boxoffice.seating.ShowClosed;
import dev.boxoffice.seating.HoldNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.DomainError;
import dev.boxoffice.booking.Bookings.HoldAlreadyBooked;
import dev.boxoffice.booking.Bookings.SeatsTaken;
import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentGateway.ChargeResult;
import dev.boxoffice.seating.Hold;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.seating.SeatChange;
import dev.boxoffice.seating.SeatChangeCodec;
import dev.boxoffice.security.Caller;
import dev.boxoffice.web.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The booking lifecycle. Confirmation is: charge, then ONE transaction (booking, seats
 * under the unique index, outbox), then the hold goes. The order matters: a charge that
 * is not followed by a stored booking is refunded; a booking is never stored without a
 * charge.
 */
@Service
public class BookingService {

	private static final Logger log = LoggerFactory.getLogger(BookingService.class);

	private final HoldService holds;

	private final Bookings bookings;

	private final PaymentGateway payments;

	private final CatalogLookup catalog;

	private final Clock clock;

	BookingService(HoldService holds, Bookings bookings, PaymentGateway payments, CatalogLookup catalog, Clock clock) {
		this.holds = holds;
		this.bookings = bookings;
		this.payments = payments;
		this.catalog = catalog;
		this.clock = clock;
	}

	public Mono<Booking> confirm(UUID userId, UUID holdId, String paymentToken) {
		return this.holds.findAny(holdId)
			.flatMap((hold) -> hold.isOwnedBy(userId) ? confirm(hold, paymentToken)
					: Mono.error(new HoldNotFound(holdId)))
			.switchIfEmpty(Mono.defer(() -> alreadyBooked(userId, holdId)));
	}

	/**
	 * A hold that is gone may have become this user's booking (a retried confirm); else
	 * it expired.
	 */
	private Mono<Booking> alreadyBooked(UUID userId, UUID holdId) {
		return this.bookings.findByHold(holdId)
			.filter((booking) -> booking.userId().equals(userId))
			.switchIfEmpty(Mono.error(HoldExpired::new));
	}

	private Mono<Booking> confirm(Hold hold, String paymentToken) {
		return this.catalog.show(hold.showId()).flatMap((show) -> {
			if (show.hasStarted(this.clock.instant())) {
				return Mono.error(new ShowClosed("The show has started"));
			}
			return this.payments
				.charge(hold.holdId().toString(), hold.userId(), hold.totalPrice(), hold.currency(), paymentToken)
				.flatMap((charge) -> {
					if (charge instanceof ChargeResult.Approved approved) {
						return store(hold, approved.chargeId());
					}
					if (charge instanceof ChargeResult.Declined) {
						return Mono.error(new PaymentDeclined());
					}
					return Mono.error(new InvalidPayment());
				});
		});
	}

	private Mono<Booking> store(Hold hold, String chargeId) {
		Instant now = this.clock.instant();
		Booking booking = new Booking(UUID.randomUUID(), hold.userId(), hold.showId(), hold.holdId(), hold.seatIds(),
				Booking.Status.CONFIRMED, hold.totalPrice(), hold.currency(), TicketCodes.next(), chargeId, now);
		return this.bookings.insertConfirmed(booking, confirmedEvents(booking, now))
			.flatMap((stored) -> this.holds.completeBooking(hold).thenReturn(stored))
			// The same hold confirmed twice at once: the first booking stands, on the
			// same
			// charge (it is idempotent by hold), so nothing is refunded.
			.onErrorResume(HoldAlreadyBooked.class, (duplicate) -> this.bookings.findByHold(hold.holdId()))
			.onErrorResume(SeatsTaken.class,
					(taken) -> refund(chargeId).then(this.holds.discard(hold))
						.then(this.bookings.activeSeats(hold.showId(), hold.seatIds()))
						.flatMap((seats) -> this.holds.unavailable(hold.showId(), seats, hold.seatIds()))
						.flatMap((problem) -> Mono.<Booking>error(problem)))
			.onErrorResume((failure) -> !(failure instanceof DomainError),
					(failure) -> refund(chargeId).then(Mono.error(failure)));
	}

	public Mono<Booking> find(Caller caller, UUID bookingId) {
		return this.bookings.find(bookingId)
			.filter((booking) -> caller.admin() || booking.userId().equals(caller.userId()))
			.switchIfEmpty(Mono.error(() -> new BookingNotFound(bookingId)));
	}

	public Mono<PageView<Booking>> list(UUID userId, int page, int size) {
		return this.bookings.ofUser(userId, page, size);
	}

	public Mono<Booking> cancel(Caller caller, UUID bookingId) {
		return find(caller, bookingId).flatMap((booking) -> {
			if (booking.status() == Booking.Status.CANCELLED) {
				return Mono.error(new AlreadyCancelled());
			}
			return this.catalog.show(booking.showId()).flatMap((show) -> {
				Instant now = this.clock.instant();
				if (show.hasStarted(now)) {
					return Mono.error(new CancellationClosed());
				}
				return this.bookings.cancel(booking, cancelledEvents(booking, now))
					.switchIfEmpty(Mono.error(AlreadyCancelled::new))
					.flatMap((cancelled) -> refund(cancelled.chargeId())
						.then(this.holds.freeCancelled(cancelled.showId(), cancelled.seatIds()))
						.thenReturn(cancelled));
			});
		});
	}

	/**
	 * A refund that fails is logged loudly with the charge id for the operator; it must
	 * not hide the outcome the customer is owed an answer about.
	 */
	private Mono<Void> refund(String chargeId) {
		return this.payments.refund(chargeId).onErrorResume((failure) -> {
			log.error("Refund of charge {} failed; refund it by hand", chargeId, failure);
			return Mono.empty();
		});
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
