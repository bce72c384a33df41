package dev.boxoffice.payment;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The payment provider as the rest of the service sees it: every charge attempted is
 * counted by the provider's answer ({@code approved}, {@code declined}, {@code invalid}),
 * whichever provider is behind it. A charge that fails without an answer (the provider
 * unreachable) is not a payment outcome; the confirmation counts it as failed.
 */
final class CountedPaymentGateway implements PaymentGateway {

	private final PaymentGateway provider;

	private final Counter approved;

	private final Counter declined;

	private final Counter invalid;

	CountedPaymentGateway(PaymentGateway provider, MeterRegistry meters) {
		this.provider = provider;
		this.approved = outcome(meters, "approved");
		this.declined = outcome(meters, "declined");
		this.invalid = outcome(meters, "invalid");
	}

	private static Counter outcome(MeterRegistry meters, String outcome) {
		return Counter.builder("boxoffice.payments")
			.description("Charges attempted, by the provider's answer")
			.tag("outcome", outcome)
			.register(meters);
	}

	@Override
	public Mono<ChargeResult> charge(String reference, UUID userId, long amount, String currency, String token) {
		return this.provider.charge(reference, userId, amount, currency, token).doOnNext((result) -> {
			if (result instanceof ChargeResult.Approved) {
				this.approved.increment();
			}
			else if (result instanceof ChargeResult.Declined) {
				this.declined.increment();
			}
			else {
				this.invalid.increment();
			}
		});
	}

	@Override
	public Mono<Void> refund(String chargeId) {
		return this.provider.refund(chargeId);
	}

	@Override
	public Mono<String> chargeOf(String reference) {
		return this.provider.chargeOf(reference);
	}

}
