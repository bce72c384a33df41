package dev.boxoffice.booking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.boxoffice.DomainError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * How long confirming a booking takes (the payment, then the database transaction), as a
 * histogram by outcome: {@code confirmed}, {@code declined} (the card or the token was
 * refused), {@code conflict} (the seats or the hold were no longer the caller's to book:
 * sold meanwhile, expired, gone) and {@code failed} (an error, logged where it happens).
 */
@Component
class ConfirmationMetrics {

	private final MeterRegistry meters;

	private final Map<String, Timer> byOutcome = new LinkedHashMap<>();

	ConfirmationMetrics(MeterRegistry meters) {
		this.meters = meters;
		for (String outcome : List.of("confirmed", "declined", "conflict", "failed")) {
			this.byOutcome.put(outcome,
					Timer.builder("boxoffice.booking.confirm")
						.description("Time to confirm a booking, by outcome")
						.tag("outcome", outcome)
						.publishPercentileHistogram()
						.register(meters));
		}
	}

	/**
	 * {@code confirmation}, timed from subscription to its answer; a caller that goes
	 * away before the answer is not timed.
	 */
	Mono<Booking> timed(Mono<Booking> confirmation) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			return confirmation
				.doOnSuccess((booking) -> sample.stop(this.byOutcome.get((booking != null) ? "confirmed" : "failed")))
				.doOnError((failure) -> sample.stop(this.byOutcome.get(outcomeOf(failure))));
		});
	}

	private static String outcomeOf(Throwable failure) {
		if (failure instanceof PaymentDeclined || failure instanceof InvalidPayment) {
			return "declined";
		}
		// Every other refusal says the booking could not be made as asked: the seats were
		// sold meanwhile, the hold expired or is not the caller's, the show has started.
		if (failure instanceof DomainError) {
			return "conflict";
		}
		return "failed";
	}

}
