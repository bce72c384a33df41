package dev.boxoffice.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.boxoffice.Page;
import dev.boxoffice.catalog.CatalogLookup;
import dev.boxoffice.catalog.Hall;
import dev.boxoffice.catalog.Show;
import dev.boxoffice.events.OutboxMessage;
import dev.boxoffice.payment.Payment;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.Refunds;
import dev.boxoffice.seating.DetachedChanges;
import dev.boxoffice.seating.HoldResult;
import dev.boxoffice.seating.HoldService;
import dev.boxoffice.seating.InMemorySeatHolds;
import dev.boxoffice.seating.SeatChoice;
import dev.boxoffice.seating.SeatingFakes;
import dev.boxoffice.seating.SeatsUnavailable;
import dev.boxoffice.support.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.boot.web.server.Shutdown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confirmation when the payment is slower than the hold, over fakes of the booking,
 * payment and seating ports, in virtual time: the database's uniqueness, not the hold,
 * decides, and a charge that does not become a booking is refunded.
 */
class BookingInVirtualTimeTest {

	private final VirtualClock clock = new VirtualClock();

	private final Hall hall = SeatingFakes.hall(2, 10);

	private final Show show = SeatingFakes.showIn(this.hall, this.clock.instant().plus(Duration.ofDays(1)));

	private final CatalogLookup catalog = SeatingFakes.catalogOf(this.show, this.hall);

	private final InMemorySeatHolds seats = new InMemorySeatHolds(this.clock);

	private final HoldService holds = SeatingFakes.holdService(this.catalog, this.seats,
			new SeatingFakes.RecordedSeatEvents(), Duration.ofMinutes(10), this.clock);

	private final InMemoryBookings bookings = new InMemoryBookings();

	/** tok_slow approves after fifteen minutes: longer than a hold lives. */
	private final Payments payments = new Payments(Duration.ofMinutes(15));

	private final InMemoryPayments records = new InMemoryPayments();

	private final BookingService service = new BookingService(this.holds, this.bookings, this.payments, this.records,
			this.records, this.catalog, new TicketCodes("", "a-jwt-secret-of-at-least-thirty-two-bytes"), PASS_THROUGH,
			this.clock, new ConfirmationMetrics(new SimpleMeterRegistry()), new DetachedChanges(Shutdown.GRACEFUL));

	/** Fakes keep no transactions: each step is its own. */
	private static final TransactionalOperator PASS_THROUGH = new TransactionalOperator() {

		@Override
		public <T> Flux<T> execute(TransactionCallback<T> action) {
			return Flux.error(new UnsupportedOperationException());
		}

		@Override
		public <T> Flux<T> transactional(Flux<T> flux) {
			return flux;
		}

		@Override
		public <T> Mono<T> transactional(Mono<T> mono) {
			return mono;
		}

	};

	@Test
	void aPaymentSlowerThanTheHoldStillBooksWhenNobodyTookTheSeats() {
		UUID alice = UUID.randomUUID();
		StepVerifier
			.withVirtualTime(() -> hold(alice, "A-1", "A-2")
				.flatMap((holdId) -> this.service.confirm(alice, holdId, "tok_slow")))
			.thenAwait(Duration.ofMinutes(16))
			.assertNext((booking) -> {
				assertThat(booking.seatIds()).containsExactly("A-1", "A-2");
				assertThat(booking.status()).isEqualTo(Booking.Status.CONFIRMED);
			})
			.verifyComplete();
		assertThat(this.payments.refunded()).isEmpty();
		assertThat(this.seats.isBooked(this.show.showId(), "A-1")).isTrue();
	}

	@Test
	void seatsSoldToSomeoneElseWhileAPaymentRanLateAreRefundedAndRefused() {
		UUID alice = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		StepVerifier
			.withVirtualTime(() -> hold(alice, "B-4", "B-5")
				.flatMap((holdId) -> this.service.confirm(alice, holdId, "tok_slow")))
			// Alice's hold has run out; Bob holds one of her seats and pays at once.
			.thenAwait(Duration.ofMinutes(11))
			.then(() -> hold(bob, "B-5").flatMap((holdId) -> this.service.confirm(bob, holdId, "tok_ok")).block())
			.thenAwait(Duration.ofMinutes(5))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(SeatsUnavailable.class)
				.satisfies((unavailable) -> assertThat(((SeatsUnavailable) unavailable).details())
					.containsEntry("unavailableSeatIds", List.of("B-5"))))
			.verify();
		assertThat(this.bookings.confirmedSeats()).containsExactly("B-5");
		assertThat(this.payments.charged()).hasSize(2);
		assertThat(this.payments.refunded()).singleElement()
			.isEqualTo(this.payments.chargeIdOf(this.payments.charged().get(0)));
	}

	private Mono<UUID> hold(UUID user, String... seatIds) {
		return this.holds.hold(user, this.show.showId(), new SeatChoice.Named(List.of(seatIds)))
			.map((result) -> ((HoldResult.Held) result).hold().holdId());
	}

	/** Bookings with the database's guarantee: an active seat belongs to one booking. */
	static final class InMemoryBookings implements Bookings {

		private final Map<UUID, Booking> byId = new ConcurrentHashMap<>();

		@Override
		public synchronized Mono<Booking> insertConfirmed(Booking booking, List<OutboxMessage> events) {
			if (this.byId.values().stream().anyMatch((other) -> other.holdId().equals(booking.holdId()))) {
				return Mono.error(new HoldAlreadyBooked(null));
			}
			if (!activeSeats(booking.showId(), booking.seatIds()).block().isEmpty()) {
				return Mono.error(new SeatsTaken(null));
			}
			this.byId.put(booking.bookingId(), booking);
			return Mono.just(booking);
		}

		@Override
		public Mono<Booking> find(UUID bookingId) {
			return Mono.justOrEmpty(this.byId.get(bookingId));
		}

		@Override
		public Mono<Booking> findByHold(UUID holdId) {
			return Mono.justOrEmpty(
					this.byId.values().stream().filter((booking) -> booking.holdId().equals(holdId)).findFirst());
		}

		@Override
		public Mono<Booking> findByTicketCode(String ticketCode) {
			return Mono.justOrEmpty(this.byId.values()
				.stream()
				.filter((booking) -> booking.ticketCode().equals(ticketCode))
				.findFirst());
		}

		@Override
		public Mono<Page<Booking>> ofUser(UUID userId, int page, int size) {
			return Mono.just(new Page<>(List.of(), page, size, 0));
		}

		@Override
		public Mono<Booking> cancel(Booking booking, List<OutboxMessage> events) {
			return Mono.fromCallable(() -> this.byId.put(booking.bookingId(), booking.cancelled()))
				.thenReturn(booking.cancelled());
		}

		@Override
		public Mono<Void> announce(List<OutboxMessage> events) {
			return Mono.empty();
		}

		@Override
		public Mono<Long> revenue(UUID showId) {
			return Mono.just(0L);
		}

		@Override
		public Mono<List<String>> activeSeats(UUID showId, List<String> seatIds) {
			return Mono.just(confirmedSeats().stream().filter(seatIds::contains).toList());
		}

		List<String> confirmedSeats() {
			return this.byId.values()
				.stream()
				.filter((booking) -> booking.status() == Booking.Status.CONFIRMED)
				.flatMap((booking) -> booking.seatIds().stream())
				.toList();
		}

	}

	/**
	 * Payment records and refunds in memory; a refund owed is carried out at once by the
	 * provider fake.
	 */
	final class InMemoryPayments implements dev.boxoffice.payment.Payments, Refunds {

		private final Map<UUID, Payment> byHold = new ConcurrentHashMap<>();

		private final Map<String, Boolean> owed = new ConcurrentHashMap<>();

		@Override
		public Mono<Payment> begin(Payment intent, Instant now) {
			return Mono.just(this.byHold.computeIfAbsent(intent.holdId(), (hold) -> intent));
		}

		@Override
		public Mono<Payment> ofHold(UUID holdId) {
			return Mono.justOrEmpty(this.byHold.get(holdId));
		}

		@Override
		public Mono<Void> charged(UUID paymentId, String chargeId, Instant now) {
			return move(paymentId, Payment.State.CHARGED, chargeId, null);
		}

		@Override
		public Mono<Void> declined(UUID paymentId, Instant now) {
			return move(paymentId, Payment.State.DECLINED, null, null);
		}

		@Override
		public Mono<Void> booked(UUID paymentId, String chargeId, UUID bookingId, Instant now) {
			return move(paymentId, Payment.State.BOOKED, chargeId, bookingId);
		}

		@Override
		public Mono<Void> abandoned(UUID paymentId, Instant now) {
			return move(paymentId, Payment.State.ABANDONED, null, null);
		}

		@Override
		public Mono<Void> owe(UUID paymentId, String chargeId, RefundReason reason, Instant now) {
			this.owed.putIfAbsent(chargeId, false);
			return move(paymentId, Payment.State.REFUNDING, chargeId, null);
		}

		@Override
		public Flux<Payment> unsettled(Instant now, Duration grace, int max) {
			return Flux.empty();
		}

		@Override
		public Mono<Void> attempt(String chargeId) {
			return (this.owed.replace(chargeId, false, true)) ? BookingInVirtualTimeTest.this.payments.refund(chargeId)
					: Mono.empty();
		}

		@Override
		public Mono<Integer> attemptDue() {
			return Mono.just(0);
		}

		private Mono<Void> move(UUID paymentId, Payment.State state, String chargeId, UUID bookingId) {
			return Mono.fromRunnable(
					() -> this.byHold.replaceAll((hold, payment) -> !payment.paymentId().equals(paymentId) ? payment
							: new Payment(payment.paymentId(), payment.holdId(), payment.userId(), payment.showId(),
									payment.seatIds(), payment.amount(), payment.currency(), payment.holdExpiresAt(),
									state, (chargeId != null) ? chargeId : payment.chargeId(),
									(bookingId != null) ? bookingId : payment.bookingId())));
		}

	}

	/** A provider whose {@code tok_slow} answers late; charges by reference, once. */
	static final class Payments implements PaymentGateway {

		private final Duration slowness;

		private final Map<String, String> charges = new HashMap<>();

		private final List<String> references = new ArrayList<>();

		private final Set<String> refunds = ConcurrentHashMap.newKeySet();

		Payments(Duration slowness) {
			this.slowness = slowness;
		}

		@Override
		public Mono<ChargeResult> charge(String reference, UUID userId, long amount, String currency, String token) {
			// Charges are listed in the order they were asked for, not the order they
			// end.
			Mono<Void> asked = Mono.fromRunnable(() -> {
				synchronized (this) {
					if (!this.references.contains(reference)) {
						this.references.add(reference);
					}
				}
			});
			Mono<ChargeResult> approve = Mono.fromCallable(() -> {
				synchronized (this) {
					return new ChargeResult.Approved(
							this.charges.computeIfAbsent(reference, (ref) -> "ch_" + UUID.randomUUID()));
				}
			});
			return asked.then("tok_slow".equals(token) ? Mono.delay(this.slowness).then(approve) : approve);
		}

		@Override
		public Mono<Void> refund(String chargeId) {
			return Mono.fromRunnable(() -> this.refunds.add(chargeId));
		}

		@Override
		public synchronized Mono<String> chargeOf(String reference) {
			return Mono.justOrEmpty(this.charges.get(reference));
		}

		synchronized List<String> charged() {
			return List.copyOf(this.references);
		}

		synchronized String chargeIdOf(String reference) {
			return this.charges.get(reference);
		}

		Collection<String> refunded() {
			return this.refunds;
		}

	}

}
