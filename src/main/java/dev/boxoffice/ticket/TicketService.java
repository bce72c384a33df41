package dev.boxoffice.ticket;

import java.time.Clock;
import java.util.UUID;

import dev.boxoffice.booking.Booking;
import dev.boxoffice.booking.BookingService;
import dev.boxoffice.booking.Bookings;
import dev.boxoffice.booking.TicketCodes;
import dev.boxoffice.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A booking's ticket: its QR image for the customer, and the scan at the door. */
@Service
public class TicketService {

	private final BookingService bookingService;

	private final Bookings bookings;

	private final TicketCodes codes;

	private final Checkins checkins;

	private final QrCodes qrCodes;

	private final Clock clock;

	TicketService(BookingService bookingService, Bookings bookings, TicketCodes codes, Checkins checkins,
			QrCodes qrCodes, Clock clock) {
		this.bookingService = bookingService;
		this.bookings = bookings;
		this.codes = codes;
		this.checkins = checkins;
		this.qrCodes = qrCodes;
		this.clock = clock;
	}

	/** The QR code PNG of the caller's booking (or any, for an admin). */
	public Mono<byte[]> image(Caller caller, UUID bookingId) {
		return this.bookingService.find(caller, bookingId)
			.flatMap((booking) -> (booking.status() == Booking.Status.CANCELLED) ? Mono.error(new BookingCancelled())
					: this.qrCodes.png(booking.ticketCode()));
	}

	/**
	 * Admits the ticket once. A code that is not genuine is refused before the database
	 * is asked.
	 */
	public Mono<Checkin> checkIn(String ticketCode) {
		if (!this.codes.isGenuine(ticketCode)) {
			return Mono.error(new TicketNotFound());
		}
		return this.bookings.findByTicketCode(ticketCode)
			.switchIfEmpty(Mono.error(TicketNotFound::new))
			.flatMap((booking) -> {
				if (booking.status() == Booking.Status.CANCELLED) {
					return Mono.error(new BookingCancelled());
				}
				return this.checkins.record(booking.bookingId(), this.clock.instant())
					.flatMap((recorded) -> recorded.first()
							? Mono.just(new Checkin(booking.bookingId(), booking.showId(), booking.seatIds(),
									recorded.checkedInAt()))
							: Mono.error(new AlreadyCheckedIn(recorded.checkedInAt())));
			});
	}

}
